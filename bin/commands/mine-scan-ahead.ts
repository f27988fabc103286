/**
 * `culprit mine` on both cores: while the main thread mines one batch of lines, worker threads tokenise and mask
 * the next ones (the scanning is most of a line's cost and does not depend on other lines; the mining does, so it
 * stays on one thread, in input order, and the output is the same as with one thread). Small inputs are mined
 * on the main thread alone: starting the workers costs more than they save.
 */
import type { MinerOptionsInput, ScannedBatch } from '../../lambdas/core/drain';
import type { LineBatch } from '../input/line-reader';
// Loaded when workers start: a small input never pays for the worker modules.
type ScanPool = import('../parallel/scan-pool').ScanPool;

export const SCAN_AHEAD_DEFAULTS = {
  /**
   * Lines read before workers start, when the input's size is not known ahead (stdin) or is small.
   * @default 131072
   */
  startAfterLines: 1 << 17,
  /**
   * Bytes of a file from which workers start at once, so they load while the first lines are read.
   * @default 8388608
   */
  startAtBytes: 8 << 20,
  /**
   * Batches handed to each worker ahead of the one being mined: one keeps a worker busy while the main thread
   * mines; two cost more CPU (lines live longer, so more of them reach the old generation) for no speed.
   * @default 1
   */
  batchesPerWorker: 1,
} as const;

/** A batch of lines ready to mine: `scanned` holds their tokens when a worker scanned them. */
export interface PreparedBatch extends LineBatch {
  /** What is mined of each line (the line itself, or its message after the header with --raw). */
  readonly messages: readonly string[];
  readonly scanned: ScannedBatch | undefined;
}

/** An error of the input itself (as opposed to the miner or a worker): the caller reports it as unreadable. */
export class InputReadError extends Error {
  constructor(readonly reason: unknown) {
    super('the input cannot be read', { cause: reason });
    this.name = 'InputReadError';
  }
}

export interface ScanAheadOptions {
  /** Scanning workers; 0 scans on the main thread. */
  readonly workers: number;
  /** The miner's options: workers scan as it would. */
  readonly miner: MinerOptionsInput;
  /** The input's size in bytes, when known (a file). */
  readonly inputBytes: number | undefined;
  /** What is mined of each line of a batch. */
  readonly messagesOf: (texts: readonly string[]) => readonly string[];
  /** @default SCAN_AHEAD_DEFAULTS.startAfterLines */
  readonly startAfterLines?: number;
  /** @default SCAN_AHEAD_DEFAULTS.startAtBytes */
  readonly startAtBytes?: number;
}

/**
 * Yields `batches` in order with their messages, scanned ahead on `options.workers` threads once the input is
 * large enough. A read error comes out as {@link InputReadError}; a worker's failure as the pool's error. The
 * workers are stopped when the caller stops iterating, whatever the reason.
 */
export async function* scanAhead(
  batches: AsyncIterator<LineBatch>,
  options: ScanAheadOptions,
): AsyncGenerator<PreparedBatch, void, undefined> {
  let pool: ScanPool | undefined;
  const startPool = (): void => {
    const { ScanPool } = require('../parallel/scan-pool') as typeof import('../parallel/scan-pool');
    pool = new ScanPool(options.workers, options.miner);
  };
  const startAfterLines = options.startAfterLines ?? SCAN_AHEAD_DEFAULTS.startAfterLines;
  const startAtBytes = options.startAtBytes ?? SCAN_AHEAD_DEFAULTS.startAtBytes;
  if (options.workers > 0 && (options.inputBytes ?? 0) >= startAtBytes) startPool();
  const queue: { batch: LineBatch; messages: readonly string[]; scanned: Promise<ScannedBatch> | undefined }[] = [];
  let linesRead = 0;
  let ended = false;
  try {
    for (;;) {
      // Without workers, read one batch at a time, as before; with them, keep each worker a few batches ahead.
      const ahead = pool === undefined ? 1 : options.workers * SCAN_AHEAD_DEFAULTS.batchesPerWorker + 1;
      while (!ended && queue.length < ahead) {
        let next: IteratorResult<LineBatch>;
        try {
          next = await batches.next();
        } catch (error) {
          throw new InputReadError(error);
        }
        if (next.done === true) {
          ended = true;
          break;
        }
        const batch = next.value;
        linesRead += batch.texts.length;
        if (pool === undefined && options.workers > 0 && linesRead >= startAfterLines) startPool();
        const messages = options.messagesOf(batch.texts);
        queue.push({ batch, messages, scanned: pool?.scan(messages) });
      }
      const head = queue.shift();
      if (head === undefined) return;
      const scanned = head.scanned === undefined ? undefined : await head.scanned;
      yield { ...head.batch, messages: head.messages, scanned };
    }
  } finally {
    // `pool` is assigned inside a closure: TypeScript narrows it to `undefined` here without the cast.
    await (pool as ScanPool | undefined)?.close();
  }
}
