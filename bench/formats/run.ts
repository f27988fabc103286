/**
 * Scores header recovery on the format corpus and on the ten loghub-2k sets, three ways: the rules alone
 * (parseLogLine per line), the learnt layout with the rules as prior and fallback (what `mine --raw` runs), and the
 * learnt layout alone (rules off: leave-one-out, no hand-written rule for any format).
 */
import { parseLogLine } from '../../lambdas/core/log-line';
import { SourceFormat } from '../../lambdas/core/log-format';
import type { LoghubDataset } from '../loghub';
import { type FormatSource, generateFormatCorpus } from './generate';
import type { HeaderLayout } from './layout-types';
import { type FormatScore, miningGa, scoreSource } from './score';

export type ReaderName = 'rules' | 'inferred' | 'alone';

export const READERS: Readonly<Record<ReaderName, (lines: readonly string[]) => ReturnType<SourceFormat['parseAll']>>> =
  {
    rules: (lines) => lines.map((line) => parseLogLine(line)),
    inferred: (lines) => new SourceFormat().parseAll(lines),
    alone: (lines) => new SourceFormat({ rules: false }).parseAll(lines),
  };

export interface SourceResult {
  readonly source: FormatSource;
  readonly scores: Readonly<Record<ReaderName, FormatScore>>;
}

export function scoreCorpus(
  layouts: readonly HeaderLayout[],
  datasets: readonly LoghubDataset[],
  seed: number,
  lines?: number,
): SourceResult[] {
  return generateFormatCorpus(layouts, datasets, seed, lines).map((source) => ({
    source,
    scores: {
      rules: scoreSource(source, READERS.rules),
      inferred: scoreSource(source, READERS.inferred),
      alone: scoreSource(source, READERS.alone),
    },
  }));
}

/** Exact recovery and GA of one loghub set's raw lines for a reader, next to GA on its Content. */
export function scoreLoghubSet(dataset: LoghubDataset, reader: ReaderName): FormatScore {
  const parsed = READERS[reader](dataset.lines.map((line) => line.raw));
  const eventIds = dataset.lines.map((line) => line.eventId);
  const exact = parsed.filter((line, index) => line.message === dataset.lines[index]?.content.trim()).length;
  return {
    exact: exact / dataset.lines.length,
    ga: miningGa(
      parsed.map((line) => line.message),
      eventIds,
    ),
    gaContent: miningGa(
      dataset.lines.map((line) => line.content),
      eventIds,
    ),
  };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
