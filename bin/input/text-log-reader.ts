/**
 * Plain-text logs (`.log`, `.txt`): every event starts with an ISO-8601 timestamp, then a space,
 * then the message. A line without a leading timestamp continues the event before it (a stack
 * trace, a multi-line message) and is joined to it with `\n`. The service is the file's name.
 * The event keeps the whole line as its message: the analysis strips headers itself.
 */
import type { LogEvent } from '../../lambdas/core/schemas';
import { leadingTimestampEnd, scanLeadingIsoTimestamp } from './iso-timestamp';
import type { LineBatch } from './line-reader';
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

/**
 * The reference reading of a leading timestamp (the pattern above, then `Date.parse`): what
 * {@link parseLeadingTimestamp} answers for every line. It runs only for the shapes the
 * character-level scanner is not certain about.
 */
export function parseLeadingTimestampByPattern(line: string): LeadingTimestamp | undefined {
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

/** Result slot of {@link scanLeadingTimestamp}, filled in place so the hot path allocates nothing. */
const found = { millis: 0, length: 0 };

/** True when `line` starts with a timestamp; its value and length are then in `found`. */
function scanLeadingTimestamp(line: string): boolean {
  const first = line.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return false; // the pattern starts with a digit
  const millis = scanLeadingIsoTimestamp(line);
  if (!Number.isNaN(millis)) {
    found.millis = millis;
    found.length = leadingTimestampEnd();
    return true;
  }
  const parsed = parseLeadingTimestampByPattern(line);
  if (parsed === undefined) return false;
  found.millis = parsed.millis;
  found.length = parsed.length;
  return true;
}

/** The timestamp a line starts with, or undefined. */
export function parseLeadingTimestamp(line: string): LeadingTimestamp | undefined {
  return scanLeadingTimestamp(line) ? { millis: found.millis, length: found.length } : undefined;
}

/** True for an empty line or one of white space only (without allocating a trimmed copy). */
export function isBlank(text: string): boolean {
  return text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '');
}

export interface TextReaderOptions {
  /** Longest message kept after joining continuation lines; more is dropped. @default 65536 */
  readonly maxMessageChars: number;
}

/**
 * Turns the lines of one plain-text log into events, batch by batch: the last event of a batch is
 * held back until the next batch shows whether continuation lines follow it.
 */
export class TextEventParser {
  private pendingTimestamp = 0;
  private pendingMessage: string | undefined;

  constructor(
    private readonly file: string,
    private readonly service: string,
    private readonly report: ProblemSink,
    private readonly options: TextReaderOptions,
  ) {}

  /** The events that `batch` completes, in file order. */
  parse(batch: LineBatch): LogEvent[] {
    const events: LogEvent[] = [];
    const { texts } = batch;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i] as string;
      if (isBlank(text)) continue;
      if (scanLeadingTimestamp(text)) {
        if (this.pendingMessage !== undefined)
          events.push({ timestamp: this.pendingTimestamp, service: this.service, message: this.pendingMessage });
        this.pendingTimestamp = found.millis;
        // The whole line is the message: the analysis's header parser strips the timestamp
        // together with the level, logger and thread that often follow it (`- WARN [main] - …`).
        this.pendingMessage = text;
      } else if (this.pendingMessage !== undefined) {
        if (this.pendingMessage.length + 1 + text.length <= this.options.maxMessageChars)
          this.pendingMessage += `\n${text}`;
      } else {
        this.report({
          file: this.file,
          line: batch.firstNumber + i,
          problem: 'no ISO-8601 timestamp at the start of the line, and no event before it to continue',
        });
      }
    }
    return events;
  }

  /** The last event, once the file has ended. */
  finish(): LogEvent[] {
    const message = this.pendingMessage;
    this.pendingMessage = undefined;
    return message === undefined ? [] : [{ timestamp: this.pendingTimestamp, service: this.service, message }];
  }
}
