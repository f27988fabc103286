/**
 * Reads one log file as events, whatever its format: the format is detected from the file's
 * extension and its first non-blank line (see `detectFormat`), then the matching reader runs.
 * Line-based formats stream through the shared line reader; only JSON documents are read whole.
 */
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { InvalidInputError } from '../../lambdas/core/errors';
import type { LogEvent } from '../../lambdas/core/schemas';
import { readJsonDocumentEvents } from './cloudwatch-export-reader';
import { readJsonLinesEvents } from './json-lines-reader';
import { type ReadLine, readLines } from './line-reader';
import type { ProblemSink } from './log-sources';
import { readTextEvents } from './text-log-reader';

export type LogFileFormat = 'text' | 'json-lines' | 'json-document';

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
}

/** Lines of `first`, then the rest of `iterator`: a plain iterator, so the hot path adds no generator. */
function prepend(first: readonly ReadLine[], rest: AsyncIterator<ReadLine>): AsyncIterable<ReadLine> {
  let index = 0;
  const iterator: AsyncIterator<ReadLine> = {
    next: () => (index < first.length ? Promise.resolve({ done: false, value: first[index++] as ReadLine }) : rest.next()),
    return: async () => {
      await rest.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}

function readError(file: string, error: unknown): InvalidInputError {
  if (error instanceof InvalidInputError) return error;
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new InvalidInputError(`cannot read log file ${file}: ${reason}`, { cause: error });
}

/** The events of one file, in file order (JSON documents: in time order). */
export async function* readLogFile(file: string, options: LogFileReaderOptions): AsyncGenerator<LogEvent, void, undefined> {
  const service = serviceFromFileName(file);
  const stream = createReadStream(file, { highWaterMark: 1 << 16 });
  const lines = readLines(stream, { maxLineBytes: options.maxLineBytes })[Symbol.asyncIterator]();
  try {
    const seen: ReadLine[] = [];
    let first: string | undefined;
    for (;;) {
      const next = await lines.next();
      if (next.done === true) break;
      seen.push(next.value);
      if (next.value.text.trim() !== '') {
        first = next.value.text;
        break;
      }
    }
    const format = detectFormat(file, first);
    if (format === 'json-document') {
      await lines.return?.();
      yield* await readJsonDocumentEvents(file, service, options.report);
    } else if (format === 'json-lines') {
      yield* readJsonLinesEvents(file, service, prepend(seen, lines), options.report);
    } else {
      yield* readTextEvents(file, service, prepend(seen, lines), options.report, { maxMessageChars: options.maxMessageChars });
    }
  } catch (error) {
    throw readError(file, error);
  } finally {
    stream.destroy();
  }
}
