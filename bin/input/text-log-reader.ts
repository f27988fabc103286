/**
 * Plain-text logs (`.log`, `.txt`): every event starts with a header holding a timestamp with a full date. The
 * file's header layout is learnt from its first lines (lambdas/core/log-format: `LEVEL|time|thread|msg`, syslog,
 * log4j … any layout whose columns behave like header fields), so the timestamp may sit in any column; a line the
 * learnt layout does not fit is an event start when it begins with a timestamp core's header parser reads
 * (ISO-8601 with `T` or a space, log4j's `2024-03-12 08:00:00,123`, `yyyy/MM/dd`, ctime …; a time without a zone is
 * UTC). Any other line continues the event before it (a stack trace, a multi-line message) and is joined to it
 * with `\n`. The service is the file's name. The event keeps the whole line as its message; where the learnt
 * layout split it, the event carries its level and header length, so the analysis mines the message the layout
 * found (else the analysis's header rules strip the header). HTTP access-log lines (nginx/Apache, ALB, CloudFront …)
 * are events wherever their timestamp stands in the line.
 */
import {
  scanLeadingTimestamp as scanCoreTimestamp,
  type TimestampScan,
} from '../../lambdas/core/log-line/leading-timestamp';
import type { LeveledLogEvent } from '../../lambdas/core/analysis';
import { type HeaderSplit, SOURCE_FORMAT_DEFAULTS, SourceFormat } from '../../lambdas/core/log-format';
import { parseAccessLine } from '../../lambdas/core/log-line';
import type { LogEvent } from '../../lambdas/core/schemas';
import { LINE_READER_DEFAULTS, type LineBatch } from './line-reader';
import type { ProblemSink } from './log-problem';

export interface LeadingTimestamp {
  /** Epoch milliseconds. */
  readonly millis: number;
  /** Characters the timestamp and the one separator after it take up. */
  readonly length: number;
}

/** Result slot of {@link scanLeadingTimestamp}, filled in place so the hot path allocates nothing. */
const found: TimestampScan = { end: 0, millis: 0, syslog: false };

const isWordChar = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * True when `line` starts with a timestamp that has a date (a time of day or a syslog stamp without a year
 * gives no instant: such a line is not an event start); its value and end are then in `found`. The
 * timestamp must not run on into a word: `2024-03-12T08:00:00Zabc` is text.
 */
function scanLeadingTimestamp(line: string): boolean {
  return scanCoreTimestamp(line, 0, found) && !Number.isNaN(found.millis) && !isWordChar(line.charCodeAt(found.end));
}

/** True when `line` starts an event: an access-log line with a timestamp, or a leading timestamp; its time in `found`. */
function scanEventStart(line: string): boolean {
  return (line.indexOf('HTTP/') >= 0 && accessLineTime(line)) || scanLeadingTimestamp(line);
}

/**
 * True when `line` is an HTTP access-log line with a timestamp (bracketed anywhere, a field, or date and time
 * columns); its value is then in `found`. Such a line starts an event even when it starts with a client address.
 */
function accessLineTime(line: string): boolean {
  const timestamp = parseAccessLine(line)?.timestamp;
  if (timestamp === undefined) return false;
  found.millis = timestamp;
  found.end = 0;
  return true;
}

/** The timestamp a line starts with, or undefined. */
export function parseLeadingTimestamp(line: string): LeadingTimestamp | undefined {
  if (!scanLeadingTimestamp(line)) return undefined;
  const next = line.charCodeAt(found.end);
  return { millis: found.millis, length: found.end + (next === 32 || next === 9 ? 1 : 0) };
}

/** True for an empty line or one of white space only (without allocating a trimmed copy). */
export function isBlank(text: string): boolean {
  return text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '');
}

export interface TextReaderOptions {
  /** Longest message kept after joining continuation lines; more is dropped. @default 65536 */
  readonly maxMessageChars: number;
  /** The line reader's cap, named when a longer line is reported as cut. @default 65536 */
  readonly maxLineBytes?: number;
}

/** The problem reported for a line the line reader cut (the event keeps the start it read). */
export const cutLineProblem = (maxLineBytes: number): string =>
  `line longer than the line cap of ${maxLineBytes} bytes: only its start was read`;

/**
 * Turns the lines of one plain-text log into events, batch by batch: the last event of a batch is
 * held back until the next batch shows whether continuation lines follow it.
 */
export class TextEventParser {
  private pendingTimestamp = 0;
  private pendingMessage: string | undefined;
  /** The pending event's header as the learnt layout split it (undefined: the rules split it later). */
  private pendingSplit: HeaderSplit | undefined;
  /** The file's header layout, learnt from its first lines and again when its lines stop fitting. */
  readonly format = new SourceFormat();
  /**
   * Batches held until the first lines make a full learning sample (or the file ends), so the layout learnt does not
   * depend on how the input was cut into batches; undefined once the layout was primed.
   */
  private held: LineBatch[] | undefined = [];
  private heldLines = 0;

  constructor(
    private readonly file: string,
    private readonly service: string,
    private readonly report: ProblemSink,
    private readonly options: TextReaderOptions,
  ) {}

  /** The events that `batch` completes, in file order. */
  parse(batch: LineBatch): LogEvent[] {
    if (this.held === undefined) return this.parseBatch(batch);
    this.held.push(batch);
    this.heldLines += batch.texts.length;
    return this.heldLines < SOURCE_FORMAT_DEFAULTS.sampleSize ? [] : this.primeAndRelease();
  }

  /** The last event, once the file has ended. */
  finish(): LogEvent[] {
    const events = this.held === undefined ? [] : this.primeAndRelease();
    const pending = this.takePending();
    return pending === undefined ? events : [...events, pending];
  }

  /** Learns the layout from the held lines, then parses the held batches with it. */
  private primeAndRelease(): LogEvent[] {
    const held = this.held ?? [];
    this.held = undefined;
    this.format.prime(held.flatMap((batch) => batch.texts.filter((text) => !isBlank(text))));
    return held.flatMap((batch) => this.parseBatch(batch));
  }

  private parseBatch(batch: LineBatch): LogEvent[] {
    const events: LogEvent[] = [];
    const { texts, truncated } = batch;
    for (const i of truncated) {
      this.report({
        file: this.file,
        line: batch.firstNumber + i,
        problem: cutLineProblem(this.options.maxLineBytes ?? LINE_READER_DEFAULTS.maxLineBytes),
      });
    }
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i] as string;
      if (isBlank(text)) continue;
      const split = this.format.split(text);
      const timestamp = split?.timestamp ?? (scanEventStart(text) ? found.millis : undefined);
      if (timestamp !== undefined) {
        const pending = this.takePending();
        if (pending !== undefined) events.push(pending);
        this.pendingTimestamp = timestamp;
        this.pendingSplit = split?.timestamp === undefined ? undefined : split;
        // The whole line is the message: the analysis mines what follows the header the layout found, or its
        // header rules strip the timestamp with the level, logger and thread that often follow it (`- WARN [main] - …`).
        this.pendingMessage = text;
      } else if (this.pendingMessage !== undefined) {
        if (this.pendingMessage.length + 1 + text.length <= this.options.maxMessageChars)
          this.pendingMessage += `\n${text}`;
      } else {
        this.report({
          file: this.file,
          line: batch.firstNumber + i,
          problem: 'no timestamp with a date at the start of the line, and no event before it to continue',
        });
      }
    }
    return events;
  }

  private takePending(): LeveledLogEvent | undefined {
    const message = this.pendingMessage;
    if (message === undefined) return undefined;
    this.pendingMessage = undefined;
    const timestamp = this.pendingTimestamp;
    const service = this.service;
    const split = this.pendingSplit;
    // Literals, not spreads of a common part: this runs once per event, and a spread cost a tenth of reading.
    if (split === undefined) return { timestamp, service, message };
    const headerLength = split.messageStart;
    return split.level === undefined
      ? { timestamp, service, message, headerLength }
      : { timestamp, service, message, level: split.level, headerLength };
  }
}
