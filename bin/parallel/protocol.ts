/**
 * Messages between `culprit analyze` and its mining workers. A worker reads whole files with the CLI's
 * readers, mines every event with its service's template miner, and answers each request for a file with one
 * chunk: the next few thousand mined events of that file as typed arrays plus a few joined strings, so one
 * message costs a handful of structured-clone objects, not one per line.
 */
import type { MinerOptionsInput } from '../../lambdas/core/drain';
import type { ConfigFile } from '../../lambdas/core/config';

export const PARALLEL_DEFAULTS = {
  /**
   * Events per chunk at most: large enough that messages are few, small enough that a chunk dies young.
   * @default 4096
   */
  chunkEvents: 4096,
  /**
   * Events per chunk at least, when many files share {@link PARALLEL_DEFAULTS.eventsInFlight}.
   * @default 256
   */
  minChunkEvents: 256,
  /**
   * Events requested ahead over all files together (chunks shrink when files × chunksAhead × chunkEvents
   * would exceed it): with many files, memory stays near what the sequential path holds.
   * @default 262144
   */
  eventsInFlight: 1 << 18,
  /**
   * Chunks of one file requested ahead of the merge (in flight or waiting): bounds what a worker runs ahead.
   * @default 3
   */
  chunksAhead: 3,
  /**
   * Lines joined into one string of a chunk. The detector keeps a template's last line, and a line cut from
   * a joined string keeps the whole string alive: small groups bound what a kept sample line holds on to.
   * @default 64
   */
  linesPerGroup: 64,
  /**
   * Young generation of each worker's heap, in MB. A worker's live data is small (its miners, one batch); what
   * fills its heap is short-lived garbage, and V8's default young generation (48 MB on 64-bit) per isolate, one
   * per thread, is what took `analyze` over its 300 MB budget on per-service files.
   * @default 8
   */
  workerYoungGenerationMb: 8,
  /**
   * How far V8 lets an old generation grow past what the last full collection kept, in percent (V8's own
   * heuristic allows up to 300 % when collections are fast, so a worker whose live data is 25 MB grew to 100 MB).
   * Set for the whole process once workers start (V8 flags are per process); it costs a few more collections.
   * @default 100
   */
  heapGrowingPercent: 100,
} as const;

/** Levels as the header parser names them; a chunk carries their index (0: none). */
export const LEVELS = [undefined, 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;

/** Bit of `flags`: mining this line created or changed its template (its text is the next of `changedTexts`). */
export const CHANGED_FLAG = 1;
/** `flags >> LEVEL_SHIFT` is the index of the line's level in {@link LEVELS}. */
export const LEVEL_SHIFT = 1;

/** What every worker needs to mine exactly as the sequential path does. */
export interface WorkerSetup {
  readonly files: readonly { readonly index: number; readonly path: string }[];
  readonly miner: MinerOptionsInput;
  /** The config file, for its redactions (applied to every message before anything else, as the CLI does). */
  readonly config: ConfigFile | undefined;
  readonly maxLineBytes: number;
  readonly maxMessageChars: number;
  readonly chunkBytes: number;
  readonly chunkEvents: number;
  readonly linesPerGroup: number;
}

/** Main → worker: send the next chunk of a file. */
export interface ChunkRequest {
  readonly file: number;
}

/** A line the readers could not use, as `LogProblem` without the file (the chunk names it). */
export interface ChunkProblem {
  /**
   * The file batch it was reported before, as an index into `batchStarts`; `batchStarts.length`: after the
   * chunk's last event (only in the file's last chunk).
   */
  readonly at: number;
  readonly line: number;
  readonly problem: string;
}

/** The merges mining the chunk's event `at` made, as flat `from, into` pairs. */
export interface ChunkAliases {
  readonly at: number;
  readonly pairs: readonly string[];
}

/** Worker → main: the next events of one file, mined, in file order. */
export interface MinedChunk {
  readonly kind: 'chunk';
  readonly file: number;
  readonly count: number;
  readonly timestamps: Float64Array;
  /** Worker template index, or `-1 - service index` for a line that mined to nothing. */
  readonly templates: Int32Array;
  readonly flags: Uint8Array;
  /** End offset of each line in its group (`lineGroups[i / linesPerGroup]`). */
  readonly lineEnds: Uint32Array;
  readonly lineGroups: readonly string[];
  /**
   * Event indexes where a batch the file reader yielded begins (ascending; a chunk's first events may end the
   * batch the chunk before began). The merge pulls batches one at a time, as the sequential merge does, so
   * problems come out in the same order.
   */
  readonly batchStarts: readonly number[];
  readonly problems: readonly ChunkProblem[];
  /** Template texts of the lines flagged {@link CHANGED_FLAG}, in order. */
  readonly changedTexts: readonly string[];
  /** Services the worker had not named before, numbered on from the last. */
  readonly newServices: readonly string[];
  /** Worker service indexes seen in this file for the first time. */
  readonly fileServices: readonly number[];
  /** Templates the worker had not named before, numbered on from the last. */
  readonly newTemplates: readonly { readonly service: number; readonly id: string }[];
  readonly aliases: readonly ChunkAliases[];
  /** Characters of the messages (with one per line end), for the progress bar. */
  readonly chars: number;
  /** The file has ended after this chunk (or failed: see `error`). */
  readonly end: boolean;
  readonly error?: WorkerErrorReport;
}

/** An error as it crosses the thread boundary. */
export interface WorkerErrorReport {
  readonly message: string;
  /** An `InvalidInputError` (unusable input: exit 2), not a bug. */
  readonly invalidInput: boolean;
}

/** Worker → main: something failed outside any file. */
export interface WorkerFailure {
  readonly kind: 'failure';
  readonly error: WorkerErrorReport;
}

export type WorkerMessage = MinedChunk | WorkerFailure;

/**
 * Main → service-mining worker: the next batch's messages of the services this worker owns, in input order. A
 * service is owned by one worker for the whole run, so its miner sees its lines in the order the sequential
 * analysis mines them.
 */
export interface ServiceLines {
  readonly batch: number;
  /** Services this worker had not been sent before, numbered on from the last. */
  readonly newServices: readonly string[];
  /** Worker service index of each message. */
  readonly services: Uint32Array;
  readonly messages: readonly string[];
  /** Where each message begins by its source's learnt header layout, or -1 (the header rules split it). */
  readonly headers: Int32Array;
}

/** Service-mining worker → main: what mining a {@link ServiceLines} gave, line for line. */
export interface MinedLines {
  readonly kind: 'mined';
  readonly batch: number;
  /** Worker template index, or -1 for a line that mined to nothing. */
  readonly templates: Int32Array;
  /** {@link CHANGED_FLAG}, and the header's level code from {@link LEVEL_SHIFT} up. */
  readonly flags: Uint8Array;
  /** Template texts of the lines flagged {@link CHANGED_FLAG}, in order. */
  readonly changedTexts: readonly string[];
  /** Template ids the worker had not named before, numbered on from the last. */
  readonly newTemplates: readonly string[];
  /** The merges mining line `at` made. */
  readonly aliases: readonly ChunkAliases[];
}
