import type { Anomaly } from '../analysis';
import { findFlush, withFlush, type AppliedFlush } from './applied-flushes';
import { toAnomalyMessage } from './anomaly-message';
import { BucketCounts } from './bucket-counts';
import type { BufferLoad } from './flush-policy';
import { applyLogEvents, type IngestLogEvent } from './ingest-batch';
import type { Outbox } from './outbox';
import type { ServiceAnalysis } from './service-analysis';

/** A service's analysis as of one committed version. */
export interface CommittedState {
  /** 0 when nothing was ever committed. */
  readonly version: number;
  readonly analysis: ServiceAnalysis;
  readonly flushes: readonly AppliedFlush[];
}

/** One accepted delivery, kept until its flush is committed. */
export interface BufferedDelivery {
  readonly key: string;
  readonly logGroup: string;
  readonly events: readonly IngestLogEvent[];
  /** Epoch ms the delivery arrived. */
  readonly receivedAt: number;
}

/** What a flush writes: the outbox of its deliveries and the applied list of the version it commits. */
export interface PreparedFlush {
  readonly outbox: Outbox;
  readonly flushes: AppliedFlush[];
  /** The batch keys committed, in the order they were applied. */
  readonly keys: readonly string[];
  readonly deliveries: number;
  readonly lines: number;
}

/**
 * One service's uncommitted deliveries in a container, applied speculatively to the container's copy of the
 * service analysis: `analysis` is always the committed `base` plus every buffered delivery, in order, so a
 * flush commits it as is when nobody else committed meanwhile, and otherwise {@link rebase}s on the newer
 * state and re-applies the deliveries. Pure: the ingest function does the I/O.
 */
export class ServiceBuffer {
  private base: { readonly version: number; readonly flushes: readonly AppliedFlush[] };
  private current: ServiceAnalysis;
  private deliveries: BufferedDelivery[] = [];
  private counts: BucketCounts;
  /** Anomalies the buffered deliveries opened or updated (latest form) and the log group that last did it. */
  private changes = new Map<string, { readonly anomaly: Anomaly; readonly logGroup: string }>();
  private lineCount = 0;
  private stale = false;

  constructor(
    readonly service: string,
    committed: CommittedState,
  ) {
    this.base = { version: committed.version, flushes: committed.flushes };
    this.current = committed.analysis;
    this.counts = new BucketCounts(committed.analysis.options.detect.bucketMs);
  }

  /** Version the buffered deliveries are applied on. */
  get version(): number {
    return this.base.version;
  }

  /**
   * The analysis cannot be committed as is: it no longer equals base + buffer (a delivery was discarded, or an
   * apply failed half-way), or the base may be outdated. Rebase on a freshly loaded state first.
   */
  get needsRebase(): boolean {
    return this.stale;
  }

  get load(): BufferLoad {
    return {
      deliveries: this.deliveries.length,
      lines: this.lineCount,
      oldestAt: this.deliveries[0]?.receivedAt,
      hasAnomalyChanges: this.changes.size > 0,
    };
  }

  get keys(): string[] {
    return this.deliveries.map((d) => d.key);
  }

  isBuffered(key: string): boolean {
    return this.deliveries.some((d) => d.key === key);
  }

  /** The committed flush that holds `key`, as far as this container knows. */
  committedIn(key: string): AppliedFlush | undefined {
    return findFlush(this.base.flushes, key);
  }

  /** Applies a delivery speculatively and keeps it; returns lines analysed and skipped. */
  add(delivery: BufferedDelivery): { readonly lines: number; readonly skipped: number } {
    // Marked until the apply has finished: an exception half-way leaves the analysis holding part of it.
    const wasStale = this.stale;
    this.stale = true;
    const outcome = this.apply(delivery);
    this.deliveries.push(delivery);
    this.stale = wasStale;
    return outcome;
  }

  /** Another container may have committed (a commit lost the race, or its answer was lost): reload before committing. */
  markOutdated(): void {
    this.stale = true;
  }

  /** Forgets a buffered delivery (it is refused and Lambda will retry it); the analysis must then be rebuilt. */
  discard(key: string): void {
    const before = this.deliveries.length;
    this.deliveries = this.deliveries.filter((d) => d.key !== key);
    if (this.deliveries.length !== before) this.stale = true;
  }

  /**
   * Restarts from a newer committed state: deliveries it already holds (committed by another container, or
   * by a commit of ours whose answer was lost) are dropped and returned, with their flushes, so their
   * outboxes can be delivered; the others are applied again, in order.
   */
  rebase(committed: CommittedState): {
    readonly alreadyApplied: readonly { readonly key: string; readonly flush: AppliedFlush }[];
  } {
    const alreadyApplied: { key: string; flush: AppliedFlush }[] = [];
    const remaining: BufferedDelivery[] = [];
    for (const delivery of this.deliveries) {
      const flush = findFlush(committed.flushes, delivery.key);
      if (flush === undefined) remaining.push(delivery);
      else alreadyApplied.push({ key: delivery.key, flush });
    }
    this.base = { version: committed.version, flushes: committed.flushes };
    this.current = committed.analysis;
    this.counts = new BucketCounts(committed.analysis.options.detect.bucketMs);
    this.changes = new Map();
    this.lineCount = 0;
    // Kept whole even if an apply throws: the buffer stays stale and the next flush rebases again.
    this.deliveries = remaining;
    this.stale = true;
    for (const delivery of remaining) this.apply(delivery);
    this.stale = false;
    return { alreadyApplied };
  }

  /** The outbox and applied list of committing the buffer as `version + 1` at `nowMillis`. */
  prepare(nowMillis: number): PreparedFlush {
    const version = this.base.version + 1;
    const keys = this.keys;
    const messages = [...this.changes.values()].map(({ anomaly, logGroup }) =>
      toAnomalyMessage(anomaly, { logGroup, revision: version }),
    );
    return {
      outbox: { key: keys[0] ?? '', version, counts: this.counts.toJSON(), messages },
      flushes: withFlush(this.base.flushes, { version, at: nowMillis, keys }),
      keys,
      deliveries: keys.length,
      lines: this.lineCount,
    };
  }

  /** The analysis to commit (base + buffer). */
  get analysis(): ServiceAnalysis {
    return this.current;
  }

  /** The prepared flush was committed: the analysis is now the committed state and the buffer is empty. */
  committed(prepared: PreparedFlush): void {
    this.base = { version: prepared.outbox.version, flushes: prepared.flushes };
    this.deliveries = [];
    this.counts = new BucketCounts(this.current.options.detect.bucketMs);
    this.changes = new Map();
    this.lineCount = 0;
  }

  private apply(delivery: BufferedDelivery): { readonly lines: number; readonly skipped: number } {
    const outcome = applyLogEvents(this.current, delivery.events, delivery.logGroup);
    for (const [start, templates] of outcome.counts.entries())
      for (const [id, lines] of templates) this.counts.add(start, id, lines);
    // Latest form of each anomaly, in the order they first changed (as the detector reports one long batch).
    for (const anomaly of outcome.anomalies) this.changes.set(anomaly.id, { anomaly, logGroup: delivery.logGroup });
    this.lineCount += outcome.lines;
    return { lines: outcome.lines, skipped: outcome.skipped };
  }
}
