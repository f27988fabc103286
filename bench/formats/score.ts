/**
 * Scores of one format source: share of lines whose message is recovered exactly, and the grouping accuracy of
 * mining the recovered messages next to that of mining the true messages (the same lines, the same miner).
 */
import { TemplateMiner } from '../../lambdas/core/drain';
import type { ParsedLogLine } from '../../lambdas/core/log-line';
import { groupingScore } from '../loghub';
import type { FormatSource } from './generate';

export interface FormatScore {
  readonly exact: number;
  readonly ga: number;
  readonly gaContent: number;
}

/** GA of mining `messages` against the true event ids; ids resolved at the end, as bench:accuracy does. */
export function miningGa(messages: readonly string[], eventIds: readonly string[]): number {
  const miner = new TemplateMiner();
  const ids = messages.map((message) => miner.mine(message).templateId);
  return groupingScore(
    eventIds,
    ids.map((id) => miner.resolve(id)),
  ).ga;
}

export function scoreSource(source: FormatSource, parse: (lines: readonly string[]) => ParsedLogLine[]): FormatScore {
  const parsed = parse(source.lines.map((line) => line.raw));
  const exact = parsed.filter((line, index) => line.message === source.lines[index]?.message).length;
  const eventIds = source.lines.map((line) => line.eventId);
  return {
    exact: exact / source.lines.length,
    ga: miningGa(
      parsed.map((line) => line.message),
      eventIds,
    ),
    gaContent: miningGa(
      source.lines.map((line) => line.message),
      eventIds,
    ),
  };
}
