/**
 * Plain-text logs (`.log`, `.txt`): every event starts with an ISO-8601 timestamp, then a space,
 * then the message. A line without a leading timestamp continues the event before it (a stack
 * trace, a multi-line message) and is joined to it with `\n`. The service is the file's name.
 */
import type { LogEvent } from '../../lambdas/core/schemas';
import type { ReadLine } from './line-reader';
import type { ProblemSink } from './log-sources';

/**
 * `2024-03-12T08:00:00.123Z`, `2024-03-12 08:00:00,123` (log4j), `2024-03-12T08:00:00+01:00`,
 * `2024-03-12T08:00` …; a timestamp without a zone is taken as UTC. It must be followed by white
 * space or the end of the line, so `2024-03-12T08:00:00abc` is not a timestamp.
 */
const LEADING_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d{1,9}))?(?:\s?(Z|[+-]\d{2}(?::?\d{2})?))?(?=[ \t]|$)/;

export interface LeadingTimestamp {
  /** Epoch milliseconds. */
  readonly millis: number;
  /** Characters the timestamp and the one separator after it take up. */
  readonly length: number;
}

/** The last date-time-zone seen and its epoch ms: consecutive lines mostly share it, and Date.parse is the costly part. */
let cachedKey = '';
let cachedMillis = Number.NaN;

/** The timestamp a line starts with, or undefined. */
export function parseLeadingTimestamp(line: string): LeadingTimestamp | undefined {
  const match = LEADING_TIMESTAMP.exec(line);
  if (match === null) return undefined;
  const [whole, date, time, fraction, zone] = match;
  const key = `${date as string}T${time as string}${zone ?? ''}`;
  if (key !== cachedKey) {
    let offset = zone ?? 'Z';
    if (offset !== 'Z') offset = offset.length === 3 ? `${offset}:00` : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
    cachedKey = key;
    cachedMillis = Date.parse(`${date as string}T${time as string}${offset}`);
  }
  if (!Number.isFinite(cachedMillis)) return undefined;
  const millis = fraction === undefined ? cachedMillis : cachedMillis + Number(fraction.slice(0, 3).padEnd(3, '0'));
  const separator = line[whole.length] === ' ' || line[whole.length] === '\t' ? 1 : 0;
  return { millis, length: whole.length + separator };
}

/** True for an empty line or one of white space only (without allocating a trimmed copy). */
export function isBlank(text: string): boolean {
  return text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '');
}

export interface TextReaderOptions {
  /** Longest message kept after joining continuation lines; more is dropped. @default 65536 */
  readonly maxMessageChars: number;
}

/** Events of a plain-text log, in file order. */
export async function* readTextEvents(
  file: string,
  service: string,
  lines: AsyncIterable<ReadLine>,
  report: ProblemSink,
  options: TextReaderOptions,
): AsyncGenerator<LogEvent, void, undefined> {
  let pending: { timestamp: number; message: string } | undefined;
  for await (const line of lines) {
    const text = line.text;
    if (isBlank(text)) continue;
    const timestamp = parseLeadingTimestamp(text);
    if (timestamp !== undefined) {
      if (pending !== undefined) yield { timestamp: pending.timestamp, service, message: pending.message };
      pending = { timestamp: timestamp.millis, message: text.slice(timestamp.length) };
    } else if (pending !== undefined) {
      if (pending.message.length + 1 + text.length <= options.maxMessageChars) pending.message += `\n${text}`;
    } else {
      report({ file, line: line.number, problem: 'no ISO-8601 timestamp at the start of the line, and no event before it to continue' });
    }
  }
  if (pending !== undefined) yield { timestamp: pending.timestamp, service, message: pending.message };
}
