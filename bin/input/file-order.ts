/**
 * Puts the events of one log file in time order with bounded memory, and keeps out events whose timestamps
 * are far from the rest of the file, before the k-way merge trusts the file to be in order.
 *
 * - Far-away timestamps are bounded as CloudWatch Logs bounds them (it rejects events more than 2 h ahead of,
 *   or 14 days behind, the time it receives them), with the file's own time in place of "now": an event more
 *   than 2 h after, or 14 days before, the events around it is skipped and reported. A jump is believed when
 *   the events after it stay there (a service that was quiet for a night), so only stray lines are lost.
 * - Small disorder (threads that log a few events late) is sorted within a window of events per file.
 * - Larger disorder, such as a newest-first file, cannot be sorted in that window: the file is refused with
 *   an error naming it and the line, never analysed in the wrong order.
 */
import { InvalidInputError } from '../../lambdas/core/errors';
import type { LogEvent } from '../../lambdas/core/schemas';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const FILE_ORDER_DEFAULTS = {
  /**
   * Events of a file held to sort small disorder: an event may come up to this many events late. Memory grows
   * with files × twice this.
   * @default 4096
   */
  reorderEvents: 4096,
  /** How far an event may be ahead of the events before it (CloudWatch Logs: 2 h). @default 7200000 */
  maxAheadMs: 2 * HOUR_MS,
  /** How far an event may be behind the events before it (CloudWatch Logs: 14 days). @default 1209600000 */
  maxBehindMs: 14 * DAY_MS,
  /**
   * Events that must agree before a jump in time is believed, and that set the file's time at its start
   * (their median); fewer stray lines than this are skipped.
   * @default 8
   */
  confirmEvents: 8,
} as const;

export type FileOrderOptions = { readonly [K in keyof typeof FILE_ORDER_DEFAULTS]?: number };

/** A file whose events go back in time by more than the reordering window. */
export class MisorderedFileError extends InvalidInputError {
  override readonly name = 'MisorderedFileError';
}

/** Where an event came from (1-based line; 0 when unknown), and how a skipped one is reported. */
export interface FileOrderSink {
  readonly lineOf: (event: LogEvent) => number;
  readonly skip: (line: number, problem: string) => void;
}

const iso = (millis: number): string => new Date(millis).toISOString();

function duration(ms: number): string {
  if (ms >= DAY_MS) return `${Math.round(ms / DAY_MS)} days`;
  if (ms >= HOUR_MS) return `${Math.round(ms / HOUR_MS)} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 1000)} s`;
}

/** Index in `events` (sorted by time) after the last event at or before `timestamp`: stable insertion. */
function upperBound(events: readonly LogEvent[], timestamp: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((events[middle] as LogEvent).timestamp <= timestamp) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The events of one file, pushed in file order, handed on in time order (see the module comment). */
export class FileOrder {
  private readonly options: { readonly [K in keyof typeof FILE_ORDER_DEFAULTS]: number };
  /** The file's time: the latest event accepted; undefined until the first events have agreed on it. */
  private reference: number | undefined;
  /** The first events, until there are enough to take their median as the file's time. */
  private readonly opening: LogEvent[] = [];
  /** Events far from the file's time, waiting for the events after them to confirm or contradict them. */
  private suspects: LogEvent[] = [];
  /** Accepted events not handed on yet, in time order. */
  private window: LogEvent[] = [];
  private lastHandedOn = Number.NEGATIVE_INFINITY;
  private previous = Number.NEGATIVE_INFINITY;
  private accepted = 0;
  /** Accepted events earlier than the one accepted before them: most of them in a newest-first file. */
  private descents = 0;

  constructor(
    private readonly file: string,
    private readonly sink: FileOrderSink,
    options: FileOrderOptions = {},
  ) {
    this.options = { ...FILE_ORDER_DEFAULTS, ...options };
  }

  /** Takes the next events of the file; returns those now known to be in order. */
  push(events: readonly LogEvent[]): LogEvent[] {
    for (const event of events) {
      if (this.reference === undefined) {
        this.opening.push(event);
        if (this.opening.length === this.options.confirmEvents) this.settle();
      } else {
        this.check(event);
      }
    }
    return this.handOn(this.options.reorderEvents);
  }

  /** The rest, once the file has ended. */
  finish(): LogEvent[] {
    if (this.reference === undefined) this.settle();
    this.rejectSuspects();
    return this.handOn(0);
  }

  private inBounds(timestamp: number, reference: number): boolean {
    return timestamp <= reference + this.options.maxAheadMs && timestamp >= reference - this.options.maxBehindMs;
  }

  /** Takes the median of the opening events as the file's time; the events far from it are skipped. */
  private settle(): void {
    if (this.opening.length === 0) return;
    const sorted = this.opening.map((event) => event.timestamp).sort((a, b) => a - b);
    const median = sorted[(sorted.length - 1) >>> 1] as number;
    for (const event of this.opening) {
      if (this.inBounds(event.timestamp, median)) this.accept(event);
      else this.reject(event, median);
    }
    this.reference ??= median;
    this.opening.length = 0;
  }

  private check(event: LogEvent): void {
    const reference = this.reference as number;
    const first = this.suspects[0];
    if (this.inBounds(event.timestamp, reference)) {
      this.rejectSuspects();
      this.accept(event);
    } else if (first === undefined || this.inBounds(event.timestamp, first.timestamp)) {
      this.suspects.push(event);
      if (this.suspects.length === this.options.confirmEvents) {
        // The file's time really moved (a quiet night): the events agree with each other, not with the past.
        const confirmed = this.suspects;
        this.suspects = [];
        for (const suspect of confirmed) this.accept(suspect);
      }
    } else {
      this.reject(event, reference);
    }
  }

  private rejectSuspects(): void {
    for (const suspect of this.suspects) this.reject(suspect, this.reference ?? suspect.timestamp);
    this.suspects = [];
  }

  private reject(event: LogEvent, reference: number): void {
    const ahead = event.timestamp > reference;
    const gap = Math.abs(event.timestamp - reference);
    this.sink.skip(
      this.sink.lineOf(event),
      `timestamp ${iso(event.timestamp)} is ${duration(gap)} ${ahead ? 'after' : 'before'} the lines around it ` +
        `(more than ${ahead ? duration(this.options.maxAheadMs) : duration(this.options.maxBehindMs)}, ` +
        'as CloudWatch Logs bounds it): skipped',
    );
  }

  private accept(event: LogEvent): void {
    const timestamp = event.timestamp;
    if (timestamp < this.lastHandedOn) this.refuse(event);
    if (timestamp < this.previous) this.descents += 1;
    this.previous = timestamp;
    this.accepted += 1;
    if (this.reference === undefined || timestamp > this.reference) this.reference = timestamp;
    const window = this.window;
    const last = window[window.length - 1];
    if (last === undefined || last.timestamp <= timestamp) window.push(event);
    else window.splice(upperBound(window, timestamp), 0, event);
  }

  /** Hands on all but the latest `keep` events once the window holds twice that (0: everything). */
  private handOn(keep: number): LogEvent[] {
    if (keep > 0 && this.window.length < 2 * keep) return [];
    const ready = keep === 0 ? this.window : this.window.slice(0, this.window.length - keep);
    this.window = keep === 0 ? [] : this.window.slice(this.window.length - keep);
    const last = ready[ready.length - 1];
    if (last !== undefined) this.lastHandedOn = last.timestamp;
    return ready;
  }

  private refuse(event: LogEvent): never {
    const line = this.sink.lineOf(event);
    const where = line > 0 ? `${this.file}:${line}` : this.file;
    const newestFirst = this.descents * 2 > this.accepted;
    throw new MisorderedFileError(
      `${where}: the event at ${iso(event.timestamp)} comes after events up to ${iso(this.lastHandedOn)} ` +
        `(${duration(this.lastHandedOn - event.timestamp)} back, more than the reordering window of ` +
        `${this.options.reorderEvents} events sorts). ` +
        (this.file.toLowerCase().endsWith('.json')
          ? // A JSON document is streamed too, so its events must come in time order, or nearly.
            `The document's events are not in time order${newestFirst ? ' (newest first)' : ''}: sort them by ` +
            "timestamp (e.g. jq '.events |= sort_by(.timestamp)', or 'sort_by(.timestamp)' for an array) and run again."
          : newestFirst
            ? 'The file looks newest-first: reverse it (e.g. with tac) and run again.'
            : 'The file is not in time order: sort it by time (e.g. sort -s -k1,1 for ISO timestamps) and run again.'),
    );
  }
}
