/**
 * Log sources for the CLI: files and folders (walked recursively) of JSON Lines, plain-text logs
 * and `aws logs filter-log-events` exports, read as one stream of events in time order. Files are
 * streamed in chunks and merged with a k-way merge, so memory grows with the number of files times the
 * chunk size, not with the number of lines.
 * Lines that cannot be used are reported, counted and skipped; a path that cannot be read throws.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { InvalidInputError } from '../../lambdas/core/errors';
import type { LogFieldMapping } from '../../lambdas/core/log-format/structured';
import type { LogEvent } from '../../lambdas/core/schemas';
import { LINE_READER_DEFAULTS } from './line-reader';
import type { ProblemSink } from './log-problem';
import { readLogFileBatches } from './log-file-reader';
import { MERGE_DEFAULTS, mergeBatchesByTimestamp } from './merge-reader';

export type { LogProblem, ProblemSink } from './log-problem';

export interface LogSourceOptions {
  /** Called for every unusable line or record. @default ignore (they are still counted) */
  readonly onProblem?: ProblemSink;
  /** Called with each batch of events a file gives (before the merge): per-file counts. @default - not counted */
  readonly onRead?: (file: string, events: number) => void;
  /** Bytes of a line that are read; the rest of a longer line is dropped. @default 65536 */
  readonly maxLineBytes?: number;
  /** Longest message kept after joining a text log's continuation lines. @default 65536 */
  readonly maxMessageChars?: number;
  /** Bytes read from each file at a time; memory grows with files × this. @default 65536 */
  readonly chunkBytes?: number;
  /** Events per merged batch at most. @default 2048 */
  readonly maxBatchEvents?: number;
  /** Events of each file held to sort small disorder (see `FILE_ORDER_DEFAULTS`). @default 4096 */
  readonly reorderEvents?: number;
  /** Field names of JSON records (the `logFields` setting). @default learnt from each file's records */
  readonly logFields?: LogFieldMapping | undefined;
}

export const LOG_SOURCE_DEFAULTS = {
  /** @default 65536 */
  maxLineBytes: LINE_READER_DEFAULTS.maxLineBytes,
  /** @default 65536 */
  maxMessageChars: 64 * 1024,
  /**
   * Large enough that the await per read is spread over hundreds of lines; 256 KiB and 1 MiB reads
   * measured slower (more of each batch outlives the young generation) and cost memory per file.
   * @default 65536
   */
  chunkBytes: 64 * 1024,
  /** @default 2048 */
  maxBatchEvents: MERGE_DEFAULTS.maxBatchEvents,
} as const;

/** Extensions read when walking a folder; files named explicitly are read whatever their name. */
export const LOG_FILE_EXTENSIONS: readonly string[] = ['.log', '.txt', '.jsonl', '.ndjson', '.json'];

const isLogFileName = (name: string): boolean => {
  const withoutRotation = name.replace(/\.\d+$/, '');
  return LOG_FILE_EXTENSIONS.includes(path.extname(withoutRotation).toLowerCase());
};

function unreadable(target: string, error: unknown): InvalidInputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(error));
  return new InvalidInputError(`cannot read log path ${target}: ${reason}`, { cause: error });
}

async function walk(dir: string, visited: Set<string>, files: string[]): Promise<void> {
  let real: string;
  let entries: Dirent[];
  try {
    real = await realpath(dir);
    if (visited.has(real)) return; // a symbolic link back up the tree
    visited.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw unreadable(dir, error);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch((error: unknown) => {
        throw unreadable(full, error);
      });
      isDirectory = target.isDirectory();
      isFile = target.isFile();
    }
    if (isDirectory) await walk(full, visited, files);
    else if (isFile && isLogFileName(entry.name)) files.push(full);
  }
}

/**
 * The files `paths` name: files as given, folders walked recursively (hidden entries skipped,
 * only log file extensions kept, sorted by name). Throws `InvalidInputError` for a path that
 * cannot be read, and when nothing is left to read.
 */
export async function listLogFiles(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) throw new InvalidInputError('no log paths given');
  const files: string[] = [];
  const visited = new Set<string>();
  for (const target of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(target);
    } catch (error) {
      throw unreadable(target, error);
    }
    if (info.isDirectory()) await walk(target, visited, files);
    else files.push(target);
  }
  // The same file named twice (two paths, a symbolic link, a file inside a folder also given) is read once.
  const unique: string[] = [];
  const seenFiles = new Set<string>();
  for (const file of files) {
    const real = await realpath(file).catch(() => path.resolve(file));
    if (seenFiles.has(real)) continue;
    seenFiles.add(real);
    unique.push(file);
  }
  if (unique.length === 0) {
    throw new InvalidInputError(`no log files in ${paths.join(', ')} (looked for ${LOG_FILE_EXTENSIONS.join(', ')})`);
  }
  return unique;
}

/** Counters of a read, filled in as batches are handed on (`events`: events handed on so far). */
export interface LogReadStats {
  files: number;
  events: number;
  problems: number;
}

/** The events of some log paths in time order, with live counters. */
export interface LogEventStream extends AsyncIterable<LogEvent> {
  readonly stats: LogReadStats;
}

/** The events of some log paths in time order, in batches, with live counters. */
export interface LogEventBatchStream extends AsyncIterable<readonly LogEvent[]> {
  readonly stats: LogReadStats;
}

/**
 * Reads every log file under `paths` as one stream of event batches in time order (the events of a
 * batch are in order, and every batch comes after the one before). Each file may be JSON Lines, plain
 * text or a CloudWatch Logs export (detected per file). Listing happens when the stream is first
 * iterated, so an unreadable path throws from the first `next()`. Loop over each batch synchronously:
 * that is what makes reading fast.
 */
export function readLogEventBatches(paths: readonly string[], options: LogSourceOptions = {}): LogEventBatchStream {
  const stats: LogReadStats = { files: 0, events: 0, problems: 0 };
  const report: ProblemSink = (problem) => {
    stats.problems += problem.lines ?? 1;
    options.onProblem?.(problem);
  };
  const fileOptions = {
    report,
    maxLineBytes: options.maxLineBytes ?? LOG_SOURCE_DEFAULTS.maxLineBytes,
    maxMessageChars: options.maxMessageChars ?? LOG_SOURCE_DEFAULTS.maxMessageChars,
    chunkBytes: options.chunkBytes ?? LOG_SOURCE_DEFAULTS.chunkBytes,
    ...(options.reorderEvents === undefined ? {} : { order: { reorderEvents: options.reorderEvents } }),
    ...(options.logFields === undefined ? {} : { logFields: options.logFields }),
  };
  const mergeOptions = { maxBatchEvents: options.maxBatchEvents ?? LOG_SOURCE_DEFAULTS.maxBatchEvents };
  async function* batches(): AsyncGenerator<readonly LogEvent[], void, undefined> {
    const files = await listLogFiles(paths);
    stats.files = files.length;
    const onRead = options.onRead;
    async function* counted(file: string): AsyncGenerator<LogEvent[], void, undefined> {
      for await (const batch of readLogFileBatches(file, fileOptions)) {
        onRead?.(file, batch.length);
        yield batch;
      }
    }
    const readers = files.map((file) => (onRead === undefined ? readLogFileBatches(file, fileOptions) : counted(file)));
    for await (const batch of mergeBatchesByTimestamp(readers, mergeOptions)) {
      stats.events += batch.length;
      yield batch;
    }
  }
  return { stats, [Symbol.asyncIterator]: () => batches() };
}

/**
 * Reads every log file under `paths` as one stream of events in time order, one at a time: a thin
 * wrapper over {@link readLogEventBatches}, which is several times faster for millions of lines.
 */
export function readLogEvents(paths: readonly string[], options: LogSourceOptions = {}): LogEventStream {
  const batches = readLogEventBatches(paths, options);
  async function* events(): AsyncGenerator<LogEvent, void, undefined> {
    for await (const batch of batches) yield* batch;
  }
  return { stats: batches.stats, [Symbol.asyncIterator]: () => events() };
}
