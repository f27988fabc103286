/**
 * `culprit analyze` on several threads: each worker reads and mines whole files (header parsing and template
 * mining are per service), and the main thread merges their mined events by timestamp into the detector. The
 * answer is the sequential one exactly when every service's events come from one file, so that its one miner
 * sees the same lines in the same order. Files whose names give the same service are known to break that
 * before anything runs; a JSON file naming a service another file has is noticed as the workers declare their
 * services. Either way the outcome is `fallback`: the caller runs the sequential analysis on a fresh analyzer.
 */
import { stat } from 'node:fs/promises';
import type { Analyzer } from '../../lambdas/core/analysis';
import type { ConfigFile } from '../../lambdas/core/config';
import { LOG_SOURCE_DEFAULTS, type LogProblem } from '../input';
import { serviceFromFileName } from '../input/log-file-reader';
import { MinedMerge } from './mined-merge';
import { PARALLEL_DEFAULTS } from './protocol';
import { ServiceSpansFilesSignal, WorkerPool } from './worker-pool';

export interface ParallelAnalysisOptions {
  /** The log files, as `listLogFiles` lists them (their order is the merge's tie-break). */
  readonly files: readonly string[];
  /** Worker threads at most (one per file at most). */
  readonly threads: number;
  /** Fed through `pushMined`; its `options.miner` configure the workers' miners. */
  readonly analyzer: Analyzer;
  /** For its redactions. */
  readonly config: ConfigFile | undefined;
  readonly onProblem: (problem: LogProblem) => void;
  /** Events each file gave, as they arrive. @default - not counted */
  readonly onRead?: (file: string, events: number) => void;
  readonly onProgress: (lines: number, bytes: number) => void;
  readonly progressEvery: number;
  /** Chunk sizes, for tests of chunk edges. @default from {@link PARALLEL_DEFAULTS} */
  readonly tuning?: { readonly chunkEvents?: number; readonly linesPerGroup?: number };
}

export type ParallelOutcome =
  | { readonly kind: 'merged'; readonly lines: number }
  | { readonly kind: 'fallback'; readonly reason: string };

/** Two files whose events default to the same service, or undefined. */
export function sharedFileService(files: readonly string[]): string | undefined {
  const seen = new Map<string, string>();
  for (const file of files) {
    const service = serviceFromFileName(file);
    const other = seen.get(service);
    if (other !== undefined) return `service ${service} is in ${other} and ${file}`;
    seen.set(service, file);
  }
  return undefined;
}

/**
 * Groups file indexes for `workers` workers so that the largest load (bytes) is small: largest files first onto
 * the least loaded worker, then single moves and swaps between the most and least loaded workers while they
 * lower the larger of the two. The merge runs at the pace of the slowest worker, so balance is speed.
 */
export async function assignFiles(files: readonly string[], workers: number): Promise<number[][]> {
  const sizes = await Promise.all(files.map(async (file) => (await stat(file).catch(() => undefined))?.size ?? 0));
  const groups: { load: number; files: number[] }[] = Array.from(
    { length: Math.max(1, Math.min(workers, files.length)) },
    () => ({ load: 0, files: [] }),
  );
  const order = files.map((_, index) => index).sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  for (const index of order) {
    const group = groups.reduce((least, g) => (g.load < least.load ? g : least));
    group.files.push(index);
    group.load += sizes[index] as number;
  }
  const size = (index: number): number => sizes[index] as number;
  for (let round = 0; round < 100 && rebalance(groups, size); round++);
  return groups.map((g) => g.files.sort((a, b) => a - b));
}

/** One move or swap between the most and least loaded groups that lowers the larger of the two; false if none. */
function rebalance(groups: { load: number; files: number[] }[], size: (index: number) => number): boolean {
  const most = groups.reduce((a, g) => (g.load > a.load ? g : a));
  const least = groups.reduce((a, g) => (g.load < a.load ? g : a));
  let best = most.load;
  let apply: (() => void) | undefined;
  for (const [i, a] of most.files.entries()) {
    const moved = Math.max(most.load - size(a), least.load + size(a));
    if (moved < best) {
      best = moved;
      apply = () => {
        most.files.splice(i, 1);
        least.files.push(a);
      };
    }
    for (const [j, b] of least.files.entries()) {
      const delta = size(a) - size(b);
      const swapped = Math.max(most.load - delta, least.load + delta);
      if (swapped < best) {
        best = swapped;
        apply = () => {
          most.files[i] = b;
          least.files[j] = a;
        };
      }
    }
  }
  if (apply === undefined) return false;
  apply();
  most.load = most.files.reduce((sum, f) => sum + size(f), 0);
  least.load = least.files.reduce((sum, f) => sum + size(f), 0);
  return true;
}

/** Events per chunk for `files` files, so that all the chunks requested ahead stay within the in-flight budget. */
export function chunkEventsFor(files: number): number {
  const { chunkEvents, minChunkEvents, eventsInFlight, chunksAhead } = PARALLEL_DEFAULTS;
  return Math.max(
    minChunkEvents,
    Math.min(chunkEvents, Math.floor(eventsInFlight / (Math.max(1, files) * chunksAhead))),
  );
}

/** Mines `files` on worker threads and merges them into the analyzer, or says why the sequential path must run. */
export async function analyzeInParallel(options: ParallelAnalysisOptions): Promise<ParallelOutcome> {
  const shared = sharedFileService(options.files);
  if (shared !== undefined) return { kind: 'fallback', reason: shared };
  const groups = await assignFiles(options.files, options.threads);
  const linesPerGroup = options.tuning?.linesPerGroup ?? PARALLEL_DEFAULTS.linesPerGroup;
  const pool = new WorkerPool(options.files, groups, {
    miner: options.analyzer.options.miner,
    config: options.config,
    maxLineBytes: LOG_SOURCE_DEFAULTS.maxLineBytes,
    maxMessageChars: LOG_SOURCE_DEFAULTS.maxMessageChars,
    chunkBytes: LOG_SOURCE_DEFAULTS.chunkBytes,
    chunkEvents: options.tuning?.chunkEvents ?? chunkEventsFor(options.files.length),
    linesPerGroup,
  });
  try {
    const merge = new MinedMerge(pool, options.analyzer, {
      onProblem: options.onProblem,
      ...(options.onRead === undefined ? {} : { onRead: options.onRead }),
      onProgress: options.onProgress,
      progressEvery: options.progressEvery,
      linesPerGroup,
    });
    const lines = await merge.run();
    // Every file has ended, so every service has been declared: a conflict found only now still counts.
    pool.check();
    return { kind: 'merged', lines };
  } catch (error) {
    if (error instanceof ServiceSpansFilesSignal) return { kind: 'fallback', reason: error.reason };
    throw error;
  } finally {
    await pool.close();
  }
}
