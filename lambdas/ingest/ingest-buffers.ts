import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { CulpritError } from '../core/errors';
import {
  flushReason,
  ServiceBuffer,
  wouldOverflow,
  type AppliedFlush,
  type FlushPolicy,
  type FlushReason,
  type Outbox,
  type IngestLogEvent,
} from '../core/pipeline';
import { KeyedLock } from './keyed-lock';
import type { DeliverOutbox } from './outbox-delivery';
import type { StateStore } from './state-store';

/** Every commit attempt lost to other containers; the buffer is kept and flushed at the next trigger. */
export class StateContentionError extends CulpritError {}

/**
 * The service's buffer is at its cap and could not be flushed: the delivery is refused (not kept), so the
 * invocation fails and Lambda retries it later. Back-pressure instead of unbounded memory.
 */
export class BufferFullError extends CulpritError {}

export interface IngestBuffersOptions {
  readonly store: StateStore;
  readonly deliver: DeliverOutbox;
  readonly policy: FlushPolicy;
  readonly maxAttempts: number;
  readonly now: () => number;
  readonly logger: Logger;
  readonly metrics?: Metrics | undefined;
}

/** One committed flush. */
export interface FlushOutcome {
  readonly service: string;
  readonly reason: FlushReason | 'shutdown' | 'requested';
  readonly version: number;
  readonly deliveries: number;
  readonly lines: number;
  readonly keys: readonly string[];
  readonly anomaliesSent: number;
  readonly attempts: number;
  /** The commit succeeded but its counts or messages could not be delivered yet (kept and retried). */
  readonly deliveryError?: unknown;
}

/** What became of one delivery handed to {@link IngestBuffers.accept}. */
export type Acceptance =
  | {
      readonly outcome: 'buffered';
      readonly lines: number;
      readonly bufferedLines: number;
      readonly bufferedDeliveries: number;
      readonly alreadyBuffered: boolean;
    }
  | { readonly outcome: 'applied'; readonly lines: number; readonly flush: FlushOutcome }
  | { readonly outcome: 'redelivered'; readonly version: number; readonly anomaliesSent: number };

const BACKOFF = { baseMs: 25, capMs: 1000 } as const;
/**
 * How long a shutdown flush keeps retrying lost commit races, in ms: Lambda gives the runtime about 300 ms
 * after SIGTERM, and a flush that is still backing off when SIGKILL comes is lost anyway.
 * @default 200
 */
const SHUTDOWN_RETRY_BUDGET_MS = 200;

/**
 * A flush as log attributes. `service` is a key Powertools reserves for the function's own name (it drops it
 * with a warning), so the analysed service is `logService`; the batch keys are left out (thousands of them).
 */
function logFields(
  flush: { readonly service: string; readonly keys: readonly string[] } & Record<string, unknown>,
): Record<string, unknown> {
  const { service, keys: _keys, ...rest } = flush;
  return { logService: service, ...rest };
}

/**
 * The container's buffers, one per service: deliveries are applied to the service's cached analysis at once
 * and committed together when a flush is due (docs/operations.md, "Ingest and rank: state, concurrency and
 * idempotency"). A flush writes the outbox, commits the state on its version (reloading and re-applying the
 * buffer when another container committed first) and then delivers counts, claims and messages.
 */
export class IngestBuffers {
  private readonly buffers = new Map<string, ServiceBuffer>();
  /** Outboxes of committed flushes whose delivery failed; delivered before anything else of the service. */
  private readonly undelivered = new Map<string, Outbox[]>();
  private readonly lock = new KeyedLock();

  constructor(private readonly o: IngestBuffersOptions) {}

  /** Buffers (and, when a trigger says so, flushes) one delivery of `service`. */
  accept(service: string, logGroup: string, key: string, events: readonly IngestLogEvent[]): Promise<Acceptance> {
    return this.lock.run(service, async () => {
      const buffer = this.buffers.get(service) ?? new ServiceBuffer(service, await this.o.store.load(service));
      this.buffers.set(service, buffer);
      const load = buffer.load;
      if (buffer.isBuffered(key))
        return {
          outcome: 'buffered',
          lines: 0,
          bufferedLines: load.lines,
          bufferedDeliveries: load.deliveries,
          alreadyBuffered: true,
        };
      const committed = buffer.committedIn(key);
      if (committed !== undefined)
        return {
          outcome: 'redelivered',
          version: committed.version,
          anomaliesSent: await this.replay(service, committed, key),
        };

      if (wouldOverflow(load, events.length, this.o.policy)) {
        try {
          await this.flushLocked(service, 'lines');
        } catch (error) {
          this.o.metrics?.addMetric('BufferFull', MetricUnit.Count, 1);
          throw new BufferFullError(
            `buffer of service ${service} holds ${load.lines} lines (${load.deliveries === 1 ? '1 delivery' : `${load.deliveries} deliveries`}), and a delivery of ${events.length} more would pass a cap ` +
              `(${this.o.policy.maxBufferedLines} lines, ${this.o.policy.maxBufferedDeliveries} deliveries), but it cannot be flushed; delivery ${key} of ${logGroup} is refused for Lambda to retry`,
            { cause: error },
          );
        }
      }
      const applied = buffer.add({ key, logGroup, events, receivedAt: this.o.now() });
      this.o.metrics?.addMetric('Lines', MetricUnit.Count, applied.lines);
      const reason = flushReason(buffer.load, this.o.now(), this.o.policy);
      if (reason !== undefined) {
        let flush: FlushOutcome | undefined;
        try {
          flush = await this.flushLocked(service, reason);
        } catch (error) {
          // Per-delivery mode keeps the one-commit-per-invocation contract (the invocation fails with nothing
          // applied); a buffer this delivery alone took past the lines cap refuses it (the deliveries cap cannot be
          // passed: a full buffer is flushed, or the delivery refused, before it is added). Either way it leaves the buffer.
          if (this.o.policy.flushIntervalMs === 0) {
            buffer.discard(key);
            throw error;
          }
          if (buffer.load.lines > this.o.policy.maxBufferedLines) {
            buffer.discard(key);
            this.o.metrics?.addMetric('BufferFull', MetricUnit.Count, 1);
            throw new BufferFullError(
              `delivery ${key} of ${logGroup} takes the buffer of service ${service} past the cap of ${this.o.policy.maxBufferedLines} lines and it cannot be flushed; the delivery is refused for Lambda to retry`,
              {
                cause: error,
              },
            );
          }
          this.o.logger.warn('flush failed; the deliveries stay buffered for the next trigger', {
            logService: service,
            reason,
            error,
          });
        }
        if (flush?.keys.includes(key) === true) {
          // Committed: a failed delivery fails the invocation, so Lambda's retry replays the flush's outbox.
          if (flush.deliveryError !== undefined) throw flush.deliveryError;
          return { outcome: 'applied', lines: applied.lines, flush };
        }
      }
      const after = buffer.load;
      return {
        outcome: 'buffered',
        lines: applied.lines,
        bufferedLines: after.lines,
        bufferedDeliveries: after.deliveries,
        alreadyBuffered: false,
      };
    });
  }

  /** Flushes every service whose buffer is due (or has undelivered outboxes); failures are logged and kept. */
  async flushDue(): Promise<FlushOutcome[]> {
    const now = this.o.now();
    const due = [...this.buffers].flatMap(([service, buffer]) => {
      const reason = flushReason(buffer.load, now, this.o.policy);
      return reason !== undefined || (this.undelivered.get(service)?.length ?? 0) > 0
        ? [[service, reason ?? 'interval'] as const]
        : [];
    });
    const outcomes = await Promise.all(due.map(([service, reason]) => this.tryFlush(service, reason)));
    return outcomes.filter((o): o is FlushOutcome => o !== undefined);
  }

  /** Flushes everything buffered (shutdown, tests); returns the commits and the services that failed. */
  async flushAll(reason: 'shutdown' | 'requested' = 'requested'): Promise<{
    readonly flushed: FlushOutcome[];
    readonly failed: { readonly service: string; readonly error: unknown }[];
  }> {
    const flushed: FlushOutcome[] = [];
    const failed: { service: string; error: unknown }[] = [];
    const services = new Set([...this.buffers.keys(), ...this.undelivered.keys()]);
    await Promise.all(
      [...services].map((service) =>
        this.lock
          .run(service, () => this.flushLocked(service, reason))
          .then(
            (outcome) => void (outcome !== undefined && flushed.push(outcome)),
            (error: unknown) => void failed.push({ service, error }),
          ),
      ),
    );
    return { flushed, failed };
  }

  /** Deliveries and lines buffered per service (for logs and tests). */
  pending(): Map<string, { readonly deliveries: number; readonly lines: number }> {
    return new Map(
      [...this.buffers].map(([service, buffer]) => [
        service,
        { deliveries: buffer.load.deliveries, lines: buffer.load.lines },
      ]),
    );
  }

  private async tryFlush(service: string, reason: FlushReason): Promise<FlushOutcome | undefined> {
    try {
      return await this.lock.run(service, () => this.flushLocked(service, reason));
    } catch (error) {
      this.o.logger.warn('flush failed; the deliveries stay buffered for the next trigger', {
        logService: service,
        reason,
        error,
      });
      return undefined;
    }
  }

  /** Commits the service's buffer; the caller holds the service's lock. Throws with the buffer intact. */
  private async flushLocked(service: string, reason: FlushOutcome['reason']): Promise<FlushOutcome | undefined> {
    await this.deliverPending(service);
    const buffer = this.buffers.get(service);
    if (buffer === undefined || buffer.load.deliveries === 0) return undefined;
    try {
      return await this.commit(service, buffer, reason);
    } catch (error) {
      this.o.metrics?.addMetric('FlushFailures', MetricUnit.Count, 1);
      throw error;
    }
  }

  private async commit(
    service: string,
    buffer: ServiceBuffer,
    reason: FlushOutcome['reason'],
  ): Promise<FlushOutcome | undefined> {
    // Wall time, not the injectable clock: the budget is the runtime's, whatever the deliveries' times.
    const retryUntil = reason === 'shutdown' ? performance.now() + SHUTDOWN_RETRY_BUDGET_MS : Infinity;
    for (let attempt = 1; attempt <= this.o.maxAttempts; attempt++) {
      if (buffer.needsRebase) {
        const { alreadyApplied } = buffer.rebase(await this.o.store.load(service));
        await this.adoptCommitted(service, alreadyApplied);
        if (buffer.load.deliveries === 0) return undefined;
      }
      const prepared = buffer.prepare(this.o.now());
      await this.o.store.putOutbox(service, prepared.outbox, this.o.now());
      let won: boolean;
      try {
        won = await this.o.store.commit(service, buffer.version, buffer.analysis, prepared.flushes, this.o.now());
      } catch (error) {
        // The write may have landed all the same; the reload before the next attempt tells.
        buffer.markOutdated();
        throw error;
      }
      if (!won) {
        buffer.markOutdated();
        this.o.metrics?.addMetric('StateConflicts', MetricUnit.Count, 1);
        this.o.logger.debug('state changed under this flush; reloading', {
          logService: service,
          attempt,
          basedOn: buffer.version,
        });
        const left = retryUntil - performance.now();
        if (left <= 0) break;
        await backoff(attempt, left);
        continue;
      }
      buffer.committed(prepared);
      this.o.metrics?.addMetric('Flushes', MetricUnit.Count, 1);
      this.o.metrics?.addMetric('FlushedDeliveries', MetricUnit.Count, prepared.deliveries);
      const base = {
        service,
        reason,
        version: prepared.outbox.version,
        deliveries: prepared.deliveries,
        lines: prepared.lines,
        keys: prepared.keys,
        attempts: attempt,
      };
      try {
        const anomaliesSent = await this.o.deliver(service, prepared.outbox);
        this.o.logger.info('flush committed', { ...logFields(base), anomaliesSent });
        return { ...base, anomaliesSent };
      } catch (error) {
        this.queueUndelivered(service, prepared.outbox);
        this.o.logger.warn(
          'flush committed but its counts or messages could not be delivered; retried at the next trigger',
          { ...logFields(base), error },
        );
        return { ...base, anomaliesSent: 0, deliveryError: error };
      }
    }
    throw new StateContentionError(
      `state of service ${service} changed under every attempt (at most ${this.o.maxAttempts}${reason === 'shutdown' ? ` within ${SHUTDOWN_RETRY_BUDGET_MS} ms of shutdown` : ''}) to commit ${buffer.load.deliveries} buffered deliveries; they stay buffered`,
    );
  }

  /** Deliveries a newer state already holds: their flush's outbox is delivered again (every step is idempotent). */
  private async adoptCommitted(
    service: string,
    alreadyApplied: readonly { readonly key: string; readonly flush: AppliedFlush }[],
  ): Promise<void> {
    const seen = new Set<number>();
    for (const { key, flush } of alreadyApplied) {
      if (seen.has(flush.version)) continue;
      seen.add(flush.version);
      const outbox = await this.o.store.getOutbox(service, flush);
      if (outbox === undefined)
        this.o.logger.warn('a buffered delivery was committed elsewhere and its outbox is gone (expired?)', {
          logService: service,
          batchKey: key,
          version: flush.version,
        });
      else this.queueUndelivered(service, outbox);
    }
    await this.deliverPending(service);
  }

  private async replay(service: string, flush: AppliedFlush, key: string): Promise<number> {
    const outbox = await this.o.store.getOutbox(service, flush);
    if (outbox === undefined)
      throw new CulpritError(
        `batch ${key} of service ${service} was committed as version ${flush.version} but its outbox is gone (expired?)`,
      );
    const sent = await this.o.deliver(service, outbox);
    this.o.logger.info('batch was already applied; finished its deliveries', {
      logService: service,
      batchKey: key,
      version: flush.version,
    });
    this.o.metrics?.addMetric('BatchesRedelivered', MetricUnit.Count, 1);
    return sent;
  }

  private queueUndelivered(service: string, outbox: Outbox): void {
    const queue = this.undelivered.get(service) ?? [];
    if (!queue.some((o) => o.key === outbox.key && o.version === outbox.version)) queue.push(outbox);
    this.undelivered.set(service, queue);
  }

  private async deliverPending(service: string): Promise<void> {
    const queue = this.undelivered.get(service);
    while (queue !== undefined && queue.length > 0) {
      const next = queue[0];
      if (next === undefined) break;
      await this.o.deliver(service, next);
      queue.shift();
    }
    if (queue?.length === 0) this.undelivered.delete(service);
  }
}

function backoff(attempt: number, atMostMs: number): Promise<void> {
  const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** (attempt - 1), atMostMs);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
