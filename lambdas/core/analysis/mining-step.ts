/**
 * The one mining step every analysis runs per line: the header parser gives the message to mine and its
 * level, the service's template miner mines the message, and the detector takes the miner's merges, then the
 * line. The CLI's `Analyzer`, the ingest Lambda's `ServiceAnalysis` and the CLI's worker threads all run it
 * from here; a worker thread runs the mining half ({@link mineMessage}) and the main thread the detector half
 * ({@link observeMined}), with the {@link MinedMessage} carried between them.
 */
import type { Detector } from '../detect';
import type { TemplateMerge, TemplateMiner } from '../drain';
import { parseLogLine } from '../log-line';
import type { LeveledLogEvent } from './types';

/** What the detector needs of one mined line. */
export interface MinedMessage {
  readonly templateId: string;
  /** The template's text after this line. */
  readonly template: string;
  /** Mining this line created or changed the template. */
  readonly changed: boolean;
  /** The level the event named (a structured record's), else the one its header named. */
  readonly level: string | undefined;
  /** Templates the line merged into others, in the order the miner merged them (usually none). */
  readonly merged: readonly TemplateMerge[];
}

/**
 * The mining half: the header parser, then `miner`. Undefined when nothing is left to mine once the header is
 * stripped (the line is counted as skipped). `level` is the event's own, which wins over the header's.
 * `headerLength`, when the source's learnt layout (lambdas/core/log-format) already split the line, is where the
 * message begins: the rules are then not asked.
 */
export function mineMessage(
  miner: TemplateMiner,
  message: string,
  level?: string,
  headerLength?: number,
): MinedMessage | undefined {
  const parsed = headerLength === undefined ? parseLogLine(message) : { message: message.slice(headerLength).trim() };
  const mined = miner.mine(parsed.message);
  if (mined.templateId === '') return undefined;
  return {
    templateId: mined.templateId,
    template: mined.template,
    changed: mined.change !== 'none',
    level: level ?? ('level' in parsed ? parsed.level : undefined),
    merged: mined.merged,
  };
}

/** The detector half: the merges the line made first (so counts move to the survivors), then the line itself. */
export function observeMined(
  detector: Detector,
  timestamp: number,
  service: string,
  mined: MinedMessage,
  line: string,
): void {
  const merged = mined.merged;
  for (let index = 0; index < merged.length; index++) {
    const { from, into } = merged[index] as TemplateMerge;
    detector.mergeTemplates(service, from, into);
  }
  detector.observe(timestamp, service, mined.templateId, mined.template, mined.changed, mined.level, line);
}

/**
 * Both halves on one thread: mines `message` with `miner` and feeds the detector. Returns what was mined, or
 * undefined for a line with nothing to mine (the detector does not see it).
 */
export function mineAndObserve(
  detector: Detector,
  miner: TemplateMiner,
  timestamp: number,
  service: string,
  message: string,
  level?: string,
  headerLength?: number,
): MinedMessage | undefined {
  const mined = mineMessage(miner, message, level, headerLength);
  if (mined !== undefined) observeMined(detector, timestamp, service, mined, message);
  return mined;
}

/**
 * The header length of an event still valid after redaction: kept when the redacted message starts with the same
 * header, else undefined (the rules split the redacted line), so a secret masked inside a header never shifts the
 * message start.
 */
export function headerAfterRedaction(
  original: string,
  redacted: string,
  headerLength: number | undefined,
): number | undefined {
  if (headerLength === undefined || redacted === original) return headerLength;
  return redacted.startsWith(original.slice(0, headerLength)) ? headerLength : undefined;
}

/** `event` with its message redacted, keeping its header length only while it still holds. */
export function redactEvent(event: LeveledLogEvent, redact: (line: string) => string): LeveledLogEvent {
  const message = redact(event.message);
  if (message === event.message) return event;
  const { headerLength, ...rest } = event;
  const kept = headerAfterRedaction(event.message, message, headerLength);
  return kept === undefined ? { ...rest, message } : { ...rest, message, headerLength: kept };
}
