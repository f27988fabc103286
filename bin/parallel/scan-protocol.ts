/**
 * Messages between `culprit mine` and its scanning workers. The main thread sends batches of lines; a worker
 * tokenises and masks them (lambdas/core/drain's `BatchScanner`) and answers, in the order asked, with the
 * tokens as two transferable typed arrays. Mining itself stays on the main thread: template ids depend on the
 * order of lines, scanning does not.
 */
import type { MinerOptionsInput } from '../../lambdas/core/drain';

/** Main → worker, once, as `workerData`: the miner's options, so the worker scans as the miner would. */
export interface ScanSetup {
  readonly miner: MinerOptionsInput;
}

/**
 * Main → worker: lines to scan, joined by `\n` (no line holds one). One string crosses the thread boundary far
 * cheaper than thousands.
 */
export interface ScanRequest {
  readonly lines: string;
}

/** Worker → main: the tokens of the lines of one request, in the order requests came. */
export interface ScanReply {
  readonly kind: 'scanned';
  readonly lineStarts: Int32Array;
  readonly tokens: Int32Array;
}

/** Worker → main: the worker cannot go on (its options are unusable, or a bug). */
export interface ScanFailure {
  readonly kind: 'failure';
  readonly message: string;
}

export type ScanMessage = ScanReply | ScanFailure;
