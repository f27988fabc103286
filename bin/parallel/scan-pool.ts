/**
 * The main thread's side of `culprit mine`'s scanning workers: sends each batch of lines to the next worker in
 * turn and hands back a promise of its tokens. Each worker answers in the order it was asked, so a queue of
 * pending batches per worker is enough to match replies to requests. A worker that fails or exits rejects every
 * batch still pending (and every later one) with an error naming it; nothing waits forever.
 */
import type { Worker } from 'node:worker_threads';
import type { MinerOptionsInput, ScannedBatch } from '../../lambdas/core/drain';
import { CulpritError } from '../../lambdas/core/errors/culprit-error';
import type { ScanMessage, ScanRequest, ScanSetup } from './scan-protocol';
import { spawnWorker } from './worker-pool';

interface Pending {
  readonly resolve: (batch: ScannedBatch) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Pending[];
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private turn = 0;
  private failure: Error | undefined;
  private closing = false;

  /** Starts `size` workers that scan as a `TemplateMiner` with `miner` options would. */
  constructor(size: number, miner: MinerOptionsInput) {
    const setup: ScanSetup = { miner };
    for (let index = 0; index < size; index++) {
      const slot: Slot = { worker: spawnWorker('scan-worker', setup), pending: [] };
      slot.worker.on('message', (message: ScanMessage) => this.receive(slot, message));
      slot.worker.on('error', (error: Error) => this.fail(`scanning worker failed: ${error.message}`));
      slot.worker.on('exit', (code) => {
        if (!this.closing) this.fail(`scanning worker exited unexpectedly (code ${code})`);
      });
      this.slots.push(slot);
    }
  }

  /** The tokens of `lines`, scanned on the next worker. */
  scan(lines: readonly string[]): Promise<ScannedBatch> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const slot = this.slots[this.turn]!;
    this.turn = (this.turn + 1) % this.slots.length;
    const promise = new Promise<ScannedBatch>((resolve, reject) => slot.pending.push({ resolve, reject }));
    // The caller awaits batches in order; one rejected while it awaits an earlier one is not unhandled.
    promise.catch(() => undefined);
    const request: ScanRequest = { lines: lines.join('\n') };
    slot.worker.postMessage(request);
    return promise;
  }

  /** Stops every worker; pending batches are dropped. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private receive(slot: Slot, message: ScanMessage): void {
    if (message.kind === 'failure') {
      this.fail(`scanning worker failed: ${message.message}`);
      return;
    }
    const pending = slot.pending.shift();
    if (pending === undefined) {
      this.fail('scanning worker answered a batch it was not asked for');
      return;
    }
    pending.resolve({ lineStarts: message.lineStarts, tokens: message.tokens });
  }

  private fail(message: string): void {
    if (this.failure !== undefined) return;
    this.failure = new CulpritError(message);
    for (const slot of this.slots) for (const pending of slot.pending.splice(0)) pending.reject(this.failure);
    void this.close();
  }
}
