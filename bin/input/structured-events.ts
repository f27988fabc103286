/**
 * JSON records of one source (a JSON Lines file, a JSON array, the JSON messages of a CloudWatch export) → log
 * events. The source's shape (which field is the time, the message, the level, the service) is learnt from its
 * first records with core's JsonSource, then each record is read with the compiled extractor; a record it cannot
 * read goes through zod for the wording of its problem. A source whose records lack a needed field altogether
 * gets one problem naming the fields it has and how to map them, covering all its lines, not one per line.
 */
import { z } from 'zod';
import type { LeveledLogEvent } from '../../lambdas/core/analysis';
import {
  JsonSource,
  describeMissingFields,
  missingRoles,
  valueAt,
  isJsonRecord,
  type FieldRole,
  type JsonRecord,
  type LogFieldMapping,
  type StructuredFields,
} from '../../lambdas/core/log-format/structured';
import { timestampSchema } from '../../lambdas/core/schemas';
import type { ProblemSink } from './log-problem';

const messageSchema = z.string();

/** The problem of a record of a usable shape that the extractor could not read, worded by zod. */
function recordProblem(value: unknown, timestampField: string, messageField: string): string {
  if (!isJsonRecord(value)) return `record: not a JSON object (${value === null ? 'null' : typeof value})`;
  const problems: string[] = [];
  const time = timestampSchema.safeParse(valueAt(value, timestampField));
  if (!time.success) problems.push(`${timestampField}: ${time.error.issues.map((i) => i.message).join('; ')}`);
  const message = messageSchema.safeParse(valueAt(value, messageField));
  if (!message.success) problems.push(`${messageField}: ${message.error.issues.map((i) => i.message).join('; ')}`);
  return problems.length > 0 ? problems.join('; ') : 'record: no usable time and message';
}

interface Pending {
  readonly value: unknown;
  readonly line: number;
}

export class StructuredEventReader {
  private readonly source: JsonSource;
  private pending: Pending[] | undefined = [];
  private missing: FieldRole[] = [];
  private firstDropped = 0;
  private dropped = 0;

  /**
   * @param name names the source in the problem about missing fields (a file, or a file's messages)
   * @param message the message of an event whose record has no message field, if there is one (a CloudWatch
   *   event's whole message); without it, such a record is a problem
   */
  constructor(
    private readonly file: string,
    private readonly fallbackService: string,
    private readonly report: ProblemSink,
    mapping?: LogFieldMapping,
    private readonly name: string = file,
  ) {
    // Only the roles read below are looked for in each record (not the component).
    this.source = new JsonSource({ mapping, textMessages: true, roles: ['service', 'level'] });
  }

  /** The events `value` (read at `line`) completes: none until the shape is learnt, then the records held back. */
  push(value: unknown, line: number, into: LeveledLogEvent[]): void {
    if (this.pending === undefined) {
      this.read(value, line, into);
      return;
    }
    this.pending.push({ value, line });
    if (this.pending.length >= this.source.sampleSize) this.learn(into);
  }

  /** The records held back, once the source has ended; then the one problem of a shape missing a field. */
  finish(into: LeveledLogEvent[]): void {
    if (this.pending !== undefined) this.learn(into);
    if (this.dropped === 0) return;
    const shape = this.source.shape;
    if (shape === undefined) return;
    this.report({
      file: this.file,
      line: this.firstDropped,
      problem: `${describeMissingFields(this.name, shape, this.missing)} (${this.dropped} record(s) skipped)`,
      lines: this.dropped,
    });
    this.dropped = 0;
  }

  private learn(into: LeveledLogEvent[]): void {
    const pending = this.pending ?? [];
    this.pending = undefined;
    const shape = this.source.learn(pending.map((p) => p.value));
    this.missing = missingRoles(shape);
    for (const { value, line } of pending) this.read(value, line, into);
  }

  /** True once the shape is learnt: records are then read as they come (see {@link StructuredEventReader.readKnown}). */
  get learnt(): boolean {
    return this.pending === undefined;
  }

  /** The top-level keys a record is read from, once the shape is learnt. */
  keysRead(): ReadonlySet<string> | undefined {
    return this.source.keysRead();
  }

  /**
   * The event of `value` (the shape being learnt) into `into`; false, with nothing reported, when the record gives
   * none: the caller then pushes the whole record, whose problem is worded as any other's.
   */
  readKnown(value: unknown, into: LeveledLogEvent[]): boolean {
    return this.take(this.source.read(value), into);
  }

  /**
   * {@link StructuredEventReader.readKnown} for records that hold only `presentKeys`, none with an object value (a
   * learnt written layout's), once the shape is learnt; the same events, without looking for the other fields.
   */
  knownReader(
    presentKeys: ReadonlySet<string>,
  ): ((record: JsonRecord, into: LeveledLogEvent[]) => boolean) | undefined {
    const extract = this.source.readerFor(presentKeys);
    return extract === undefined ? undefined : (record, into) => this.take(extract(record), into);
  }

  private take(fields: StructuredFields | undefined, into: LeveledLogEvent[]): boolean {
    if (fields === undefined || fields.message === undefined || fields.timestamp === undefined) return false;
    const event: { -readonly [K in keyof LeveledLogEvent]: LeveledLogEvent[K] } = {
      timestamp: fields.timestamp,
      service: fields.service ?? this.fallbackService,
      message: fields.message,
    };
    // A record's own level is stronger evidence than the words of its message: the analysis uses it as a header's.
    if (fields.level !== undefined) event.level = fields.level;
    into.push(event);
    return true;
  }

  private read(value: unknown, line: number, into: LeveledLogEvent[]): void {
    if (this.readKnown(value, into)) return;
    if (this.missing.length > 0 && isJsonRecord(value)) {
      // The shape lacks the field: every such record fails alike, so they are counted into one problem.
      if (this.dropped === 0) this.firstDropped = line;
      this.dropped++;
      return;
    }
    const shape = this.source.shape;
    this.report({
      file: this.file,
      line,
      problem: recordProblem(value, shape?.timestamp ?? 'timestamp', shape?.message ?? 'message'),
    });
  }
}
