/**
 * What `aws logs filter-log-events` prints: one JSON document `{"events": [{"logStreamName",
 * "timestamp", "message", "ingestionTime", "eventId"}], "searchedLogStreams": [...], "nextToken"?}`; a JSON
 * array of log records is read the same way. The document is streamed (see `JsonContainerScanner`): events
 * come out chunk by chunk, in document order, so a 600 MB export is read in bounded memory. The service is the
 * document's `logGroupName` if it has one before its events, else the file's name.
 */
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { readJsonMessages, type LogFieldMapping } from '../../lambdas/core/log-format/structured';
import type { LogEvent } from '../../lambdas/core/schemas';
import { type ContainerPath, JsonContainerScanner, JsonSyntaxError } from './json-container-scanner';
import { describeIssues } from './json-lines-reader';
import type { ProblemSink } from './log-problem';
import { StructuredEventReader } from './structured-events';

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

const cloudWatchEventSchema = z.object({
  timestamp: z.number().finite(),
  message: z.string(),
  logStreamName: z.string().optional(),
});

/** A CloudWatch message usually ends with the newline the program printed; the event does not need it. */
const withoutFinalNewline = (message: string): string => message.replace(/\r?\n$/, '');

export interface JsonDocumentOptions {
  /** Bytes read at a time. */
  readonly chunkBytes: number;
  /** Bytes of one event held to parse it; a longer one is skipped and reported. @default 16777216 */
  readonly maxValueBytes?: number;
  /** Field names of JSON records and messages (the `logFields` setting). @default learnt from the first ones */
  readonly logFields?: LogFieldMapping | undefined;
}

/** Turns the values the scanner hands on into events of a CloudWatch export or of an array of records. */
class DocumentEvents {
  readonly events: LogEvent[] = [];
  private kind: 'array' | 'object' = 'object';
  private hasEvents = false;
  private read = 0;
  private service: string;
  /** An array's records: their shape is learnt from the first ones (see structured-events.ts). */
  private readonly records: StructuredEventReader;

  constructor(
    private readonly file: string,
    fallbackService: string,
    private readonly report: ProblemSink,
    private readonly logFields: LogFieldMapping | undefined,
  ) {
    this.service = fallbackService;
    this.records = new StructuredEventReader(file, fallbackService, report, logFields);
  }

  /**
   * The events read so far, handed on: a JSON message gives its event the message and level it names (the
   * shape learnt from the batch's first JSON messages).
   */
  take(): LogEvent[] {
    const events = this.events.splice(0);
    return this.kind === 'array' ? events : [...readJsonMessages(events, this.logFields)];
  }

  readonly handler = {
    onOpen: (kind: 'array' | 'object'): void => {
      this.kind = kind;
    },
    onArray: (key: string): void => {
      if (key === 'events') this.hasEvents = true;
    },
    onValue: (path: ContainerPath, value: unknown): void => {
      if (this.kind === 'array') this.record(path[0] as number, value);
      else if (path[0] === 'events' && path.length === 2) this.cloudWatchEvent(path[1], value);
      else if (path[0] === 'events') this.notAnExport('events: expected an array');
      else if (path[0] === 'logGroupName' && typeof value === 'string' && value !== '') this.logGroup(value);
    },
    onOversized: (path: ContainerPath): void => {
      const index = path[path.length - 1];
      if (typeof index !== 'number') return; // a member other than the events: not read anyway
      this.report({ file: this.file, line: index + 1, problem: `event ${index + 1}: larger than the cap, skipped` });
    },
  };

  /** Called once the document has ended. */
  finish(): void {
    if (this.kind === 'object' && !this.hasEvents) this.notAnExport('events: missing');
    this.endRecords();
  }

  /** The array records held back while their shape was learnt (also when the document breaks off). */
  endRecords(): void {
    if (this.kind === 'array') this.records.finish(this.events);
  }

  private record(index: number, value: unknown): void {
    this.records.push(value, index + 1, this.events);
  }

  private cloudWatchEvent(index: number, value: unknown): void {
    const event = cloudWatchEventSchema.safeParse(value);
    if (!event.success) {
      this.report({ file: this.file, line: index + 1, problem: `event ${index + 1}: ${describeIssues(event.error)}` });
      return;
    }
    this.read += 1;
    this.events.push({
      timestamp: event.data.timestamp,
      service: this.service,
      message: withoutFinalNewline(event.data.message),
    });
  }

  private logGroup(name: string): void {
    if (this.read === 0) {
      this.service = name;
      return;
    }
    // Streamed events cannot be renamed once handed on; saying so beats a silent split between two names.
    this.report({
      file: this.file,
      line: 0,
      problem: `logGroupName "${name}" comes after ${this.read} events, which were read as service "${this.service}"`,
    });
  }

  private notAnExport(reason: string): void {
    this.report({ file: this.file, line: 0, problem: `not a CloudWatch Logs export (${reason})` });
  }
}

/**
 * The events of a JSON document in document order, in batches (one per chunk read). A document that breaks
 * the JSON grammar is reported with the line of the error; the events before that point have been read.
 */
export async function* readJsonDocumentBatches(
  file: string,
  fallbackService: string,
  report: ProblemSink,
  options: JsonDocumentOptions,
): AsyncGenerator<LogEvent[], void, undefined> {
  const document = new DocumentEvents(file, fallbackService, report, options.logFields);
  const scanner = new JsonContainerScanner(
    document.handler,
    options.maxValueBytes === undefined ? {} : { maxValueBytes: options.maxValueBytes },
  );
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes });
  let first = true;
  try {
    for await (const data of stream) {
      let chunk = data as Buffer;
      // A byte order mark (Windows editors and PowerShell write one) is a property of the file, not of the JSON.
      if (first && chunk.subarray(0, 3).equals(BYTE_ORDER_MARK)) chunk = chunk.subarray(3);
      first = false;
      scanner.write(chunk);
      if (document.events.length > 0) yield document.take();
    }
    scanner.end();
    document.finish();
    if (document.events.length > 0) yield document.take();
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    report({ file, line: error.line, problem: `not a valid JSON document: ${error.message}` });
    document.endRecords();
    if (document.events.length > 0) yield document.take();
  } finally {
    stream.destroy();
  }
}
