/**
 * Reads one log file as events, whatever its format: the format is detected from the file's
 * extension and its first non-blank line (see `detectFormat`), then the matching reader runs.
 * Line-based formats stream through the shared line reader in batches; JSON documents through their own
 * streaming reader (a document is not made of lines).
 */
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { InvalidInputError } from '../../lambdas/core/errors';
import type { LogEvent } from '../../lambdas/core/schemas';
import type { LogFieldMapping } from '../../lambdas/core/log-format/structured';
import { readJsonDocumentBatches } from './cloudwatch-export-reader';
import { JsonLinesParser } from './json-lines-reader';
import { type LineBatch, readLineBatches } from './line-reader';
import type { ProblemSink } from './log-problem';
import { FileOrder, type FileOrderOptions } from './file-order';
import { TextEventParser, isBlank } from './text-log-reader';

export type LogFileFormat = 'text' | 'json-lines' | 'json-document';

/** Bytes read from a line-based file at a time (each read is then parsed in `chunkBytes` batches). */
const READ_BYTES = 256 * 1024;

/**
 * `.jsonl`/`.ndjson` are JSON Lines. `.json` is a whole document (a CloudWatch export or an array)
 * unless its first line is a complete object without `events`, i.e. JSON Lines named `.json`.
 * Anything else is JSON Lines if its first non-blank line starts with `{`, else plain text.
 */
export function detectFormat(file: string, firstLine: string | undefined): LogFileFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.jsonl' || extension === '.ndjson') return 'json-lines';
  const line = (firstLine ?? '').trim();
  if (extension === '.json') {
    if (!line.startsWith('{')) return 'json-document';
    try {
      const value: unknown = JSON.parse(line);
      const isExport = typeof value === 'object' && value !== null && 'events' in value;
      return isExport ? 'json-document' : 'json-lines';
    } catch {
      return 'json-document'; // a pretty-printed document opens with a lone "{"
    }
  }
  return line.startsWith('{') ? 'json-lines' : 'text';
}

/** The service a file's events belong to when they do not name one: `checkout.log.1` → `checkout`. */
export function serviceFromFileName(file: string): string {
  let name = path.basename(file).replace(/\.\d+$/, '');
  const extension = path.extname(name);
  if (extension !== '' && extension !== name) name = name.slice(0, -extension.length);
  return name === '' ? path.basename(file) : name;
}

export interface LogFileReaderOptions {
  readonly report: ProblemSink;
  /** Bytes of a line kept by the line reader. */
  readonly maxLineBytes: number;
  /** Longest message kept after joining continuation lines of a text log. */
  readonly maxMessageChars: number;
  /** Bytes read from the file at a time: the size of one batch of lines. */
  readonly chunkBytes: number;
  /** Reordering window and timestamp bounds. @default FILE_ORDER_DEFAULTS */
  readonly order?: FileOrderOptions;
  /** Field names of JSON records (the `logFields` setting). @default learnt from each file's records */
  readonly logFields?: LogFieldMapping | undefined;
}

/**
 * The line an event was read from, looked up in the batches read last; only for the rare events reported
 * (far-away or misordered), so a search costs nothing on the common path. 0 when it cannot be told.
 */
function lineFinder(format: LogFileFormat, recent: readonly LineBatch[]): (event: LogEvent) => number {
  return (event) => {
    const firstLine = event.message.split('\n', 1)[0] ?? '';
    const encoded = JSON.stringify(event.message).slice(1, -1);
    for (let b = recent.length - 1; b >= 0; b--) {
      const batch = recent[b] as LineBatch;
      for (let i = batch.texts.length - 1; i >= 0; i--) {
        const text = batch.texts[i] as string;
        if (format === 'text' ? text === firstLine : encoded !== '' && text.includes(encoded))
          return batch.firstNumber + i;
      }
    }
    return 0;
  };
}

/** Turns a file's batches of lines into events; `finish` gives what is held back at the end. */
interface EventParser {
  parse(batch: LineBatch): LogEvent[];
  finish(): LogEvent[];
}

function readError(file: string, error: unknown): InvalidInputError {
  if (error instanceof InvalidInputError) return error;
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new InvalidInputError(`cannot read log file ${file}: ${reason}`, { cause: error });
}

/**
 * The events of one file in time order (sorted within the file's reordering window), in batches: one per
 * chunk read, so only a chunk and its events are held at a time.
 */
export async function* readLogFileBatches(
  file: string,
  options: LogFileReaderOptions,
): AsyncGenerator<LogEvent[], void, undefined> {
  const service = serviceFromFileName(file);
  // Read in large pieces, parsed in batches of `chunkBytes` as before: fewer reads, the same batches.
  const stream = createReadStream(file, { highWaterMark: Math.max(options.chunkBytes, READ_BYTES) });
  const batches = readLineBatches(stream, {
    maxLineBytes: options.maxLineBytes,
    batchBytes: options.chunkBytes,
  })[Symbol.asyncIterator]();
  /** The last two batches parsed: a text event held back by the parser may come from the one before. */
  const recent: LineBatch[] = [];
  const ordered = (format: LogFileFormat): FileOrder =>
    new FileOrder(
      file,
      {
        lineOf: lineFinder(format, recent),
        skip: (line, problem) => options.report({ file, line, problem }),
      },
      options.order,
    );
  try {
    // A batch of blank lines only gives neither events nor problems in any format: not kept.
    const seen: LineBatch[] = [];
    let first: string | undefined;
    while (first === undefined) {
      const next = await batches.next();
      if (next.done === true) break;
      if (!next.value.texts.every(isBlank)) seen.push(next.value);
      first = next.value.texts.find((text) => text.trim() !== '');
    }
    const format = detectFormat(file, first);
    const order = ordered(format);
    if (format === 'json-document') {
      await batches.return();
      const documentOptions = { chunkBytes: options.chunkBytes, logFields: options.logFields };
      for await (const events of readJsonDocumentBatches(file, service, options.report, documentOptions)) {
        const ready = order.push(events);
        if (ready.length > 0) yield ready;
      }
      const last = order.finish();
      if (last.length > 0) yield last;
      return;
    }
    const parser: EventParser =
      format === 'json-lines'
        ? new JsonLinesParser(file, service, options.report, options.logFields)
        : new TextEventParser(file, service, options.report, {
            maxMessageChars: options.maxMessageChars,
            maxLineBytes: options.maxLineBytes,
          });
    const parse = (batch: LineBatch): LogEvent[] => {
      recent.push(batch);
      if (recent.length > 2) recent.shift();
      return order.push(parser.parse(batch));
    };
    for (let batch = seen.shift(); batch !== undefined; batch = seen.shift()) {
      const events = parse(batch);
      if (events.length > 0) yield events;
    }
    for (;;) {
      const next = await batches.next();
      if (next.done === true) break;
      const events = parse(next.value);
      if (events.length > 0) yield events;
    }
    const last = order.push(parser.finish());
    last.push(...order.finish());
    if (last.length > 0) yield last;
  } catch (error) {
    throw readError(file, error);
  } finally {
    stream.destroy();
  }
}
