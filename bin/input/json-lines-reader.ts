/**
 * JSON Lines logs: one object per line. `{"timestamp": ISO-8601 or epoch ms, "service": "...", "message": "..."}`
 * is the canonical shape (`logGroup` is accepted in place of `service`, as CloudWatch exports write it); any
 * common structured-logging shape (pino, bunyan, ECS, winston, Powertools, Docker json-file, Logstash, GCP) and
 * shapes learnt from the records themselves are read too, or the fields the `logFields` setting names. A record
 * naming no service takes the file's name as its service.
 */
import { z } from 'zod';
import { epochMillisFromNumber, timestampSchema, type LogEvent } from '../../lambdas/core/schemas';
import { parseIsoTimestamp } from './iso-timestamp';
import type { LineBatch } from './line-reader';
import { compileRecordLayout, type LogFieldMapping } from '../../lambdas/core/log-format/structured';
import type { ProblemSink } from './log-problem';
import { StructuredEventReader } from './structured-events';
import { isBlank } from './text-log-reader';

/** One log record as JSON exports write it. */
export const jsonLogRecordSchema = z.object({
  timestamp: timestampSchema,
  service: z.string().min(1).optional(),
  logGroup: z.string().min(1).optional(),
  message: z.string(),
});

/** The zod issues of a record, as one short sentence. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'record'}: ${issue.message}`)
    .join('; ');
}

/** An optional name field as the schema accepts it: absent, or a non-empty string. */
const isOptionalName = (value: unknown): value is string | undefined =>
  value === undefined || (typeof value === 'string' && value.length > 0);

/**
 * The event of a record that {@link jsonLogRecordSchema} accepts, checked by hand: the same checks,
 * the same result, a fraction of the cost per line. Undefined for anything else, which then goes
 * through the schema so that the problem is worded by zod.
 */
function acceptedRecord(value: unknown, fallbackService: string): LogEvent | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as {
    readonly timestamp?: unknown;
    readonly service?: unknown;
    readonly logGroup?: unknown;
    readonly message?: unknown;
  };
  const { timestamp, service, logGroup, message } = record;
  if (typeof message !== 'string' || !isOptionalName(service) || !isOptionalName(logGroup)) return undefined;
  let millis: number;
  if (typeof timestamp === 'number') millis = epochMillisFromNumber(timestamp);
  else if (typeof timestamp === 'string' && timestamp.length > 0) millis = parseIsoTimestamp(timestamp);
  else return undefined;
  if (!Number.isFinite(millis)) return undefined;
  return { timestamp: millis, service: service ?? logGroup ?? fallbackService, message };
}

/** Turns a parsed JSON value into an event, or reports why it cannot be one. */
export function toLogEvent(value: unknown, fallbackService: string): { event: LogEvent } | { problem: string } {
  const event = acceptedRecord(value, fallbackService);
  if (event !== undefined) return { event };
  const parsed = jsonLogRecordSchema.safeParse(value);
  if (!parsed.success) return { problem: describeIssues(parsed.error) };
  const { timestamp, service, logGroup, message } = parsed.data;
  return { event: { timestamp, service: service ?? logGroup ?? fallbackService, message } };
}

export const JSON_LINES_DEFAULTS = {
  /**
   * Lines read through the learnt record layout before it is judged: a layout that most of them miss (records
   * written in several ways) is dropped, so the file is parsed record by record rather than tried twice.
   * @default 256
   */
  layoutTrial: 256,
} as const;

/**
 * Turns the lines of one JSON Lines file into events, batch by batch (each line stands alone). The file's shape is
 * learnt from its first records (see structured-events.ts), so they are held back until it is. Once it is, the
 * first record's written layout (lambdas/core/log-format/structured/record-layout.ts) reads the lines written the
 * same way without `JSON.parse`; any other line, or one whose cut-down record gives no event, is parsed whole.
 */
export class JsonLinesParser {
  private readonly records: StructuredEventReader;
  /** The first record read, as text and value: the layout is learnt from it. */
  private first: { readonly text: string; readonly value: unknown } | undefined;
  /** Reads the lines written in the first record's layout (see {@link JsonLinesParser.learnLayout}). */
  private layout: ((text: string, into: LogEvent[]) => boolean) | undefined;
  private layoutLearnt = false;
  private layoutTried = 0;
  private layoutMissed = 0;

  constructor(
    private readonly file: string,
    fallbackService: string,
    private readonly report: ProblemSink,
    mapping?: LogFieldMapping,
  ) {
    this.records = new StructuredEventReader(file, fallbackService, report, mapping);
  }

  /** The events of `batch` (and of the batches before it, while the shape was being learnt), in file order. */
  parse(batch: LineBatch): LogEvent[] {
    const events: LogEvent[] = [];
    const { texts } = batch;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i] as string;
      if (isBlank(text)) continue;
      if (this.layout !== undefined && this.readByLayout(this.layout, text, events)) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        const reason = batch.truncated.includes(i)
          ? 'the line is longer than the line cap and was cut'
          : (error as Error).message;
        this.report({ file: this.file, line: batch.firstNumber + i, problem: `not valid JSON: ${reason}` });
        continue;
      }
      this.first ??= { text, value };
      this.records.push(value, batch.firstNumber + i, events);
      if (!this.layoutLearnt && this.records.learnt) this.learnLayout();
    }
    return events;
  }

  /** The records held back while the shape was learnt (a file shorter than the sample). */
  finish(): LogEvent[] {
    const events: LogEvent[] = [];
    this.records.finish(events);
    return events;
  }

  private learnLayout(): void {
    this.layoutLearnt = true;
    const keys = this.records.keysRead();
    if (this.first === undefined || keys === undefined) return;
    const layout = compileRecordLayout(this.first.text, this.first.value, keys);
    const readRecord = layout === undefined ? undefined : this.records.knownReader(layout.keys);
    if (layout === undefined || readRecord === undefined) return;
    this.layout = (text, into) => {
      const record = layout.read(text);
      return record !== undefined && readRecord(record, into);
    };
  }

  /** True when the layout read `text` into an event; a miss counts against the layout while it is on trial. */
  private readByLayout(layout: (text: string, into: LogEvent[]) => boolean, text: string, events: LogEvent[]): boolean {
    const read = layout(text, events);
    if (this.layoutTried < JSON_LINES_DEFAULTS.layoutTrial) {
      this.layoutTried += 1;
      if (!read) this.layoutMissed += 1;
      if (this.layoutMissed * 2 > JSON_LINES_DEFAULTS.layoutTrial) this.layout = undefined;
    }
    return read;
  }
}
