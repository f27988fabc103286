import { APPLIED_KEYS_KEPT } from './applied-flushes';

/**
 * When an ingest container commits what it buffered for a service. A commit writes the whole compressed state
 * (about 32 write units for 122 templates) whatever it carries, so what a flush costs per GB of logs is that
 * price divided by the lines it commits: the defaults let a flush carry minutes of a busy service's log (see
 * docs/operations.md, "Cost model"). Anomaly changes never wait for them.
 */
export const INGEST_BUFFER_DEFAULTS = {
  /**
   * Longest a delivery waits in a container before its service is flushed, in ms. Bounds the delay of
   * template counts (which only the rank function reads, and an anomaly's flush carries every count before
   * it) and what a container that dies without SIGTERM loses. 0 commits every delivery in its own invocation.
   * At 60 s a quiet service's commits alone cost about 0.5 % of its CloudWatch Logs bill at 1,000 lines/s.
   * @default 300000
   */
  flushIntervalMs: 300_000,
  /**
   * Lines buffered per service before a flush is forced. Bounds the container's memory (the events are kept
   * to re-apply them if another container commits first: about 70 MB at the default) and the work a lost
   * commit race redoes; above it a delivery that cannot be flushed is refused (Lambda retries it later).
   * @default 200000
   */
  maxBufferedLines: 200_000,
  /**
   * Deliveries buffered per service before a flush is forced, with the same refusal above it. A commit
   * stores the batch key of every delivery it holds (12 bytes each, to recognise redeliveries), so this
   * bounds the commit's size when deliveries are small; it equals the keys a state remembers.
   * @default 2000
   */
  maxBufferedDeliveries: APPLIED_KEYS_KEPT,
} as const;

export interface FlushPolicy {
  readonly flushIntervalMs: number;
  readonly maxBufferedLines: number;
  readonly maxBufferedDeliveries: number;
}

/** What a service's buffer holds, as far as the policy cares. */
export interface BufferLoad {
  readonly deliveries: number;
  readonly lines: number;
  /** Epoch ms the oldest buffered delivery arrived; undefined when nothing is buffered. */
  readonly oldestAt: number | undefined;
  /** The speculative apply opened or updated an anomaly that is not committed yet. */
  readonly hasAnomalyChanges: boolean;
}

export type FlushReason = 'interval' | 'lines' | 'deliveries' | 'anomalies';

/** Why the buffer should be flushed now, or undefined when it can wait. */
export function flushReason(load: BufferLoad, nowMillis: number, policy: FlushPolicy): FlushReason | undefined {
  if (load.deliveries === 0 || load.oldestAt === undefined) return undefined;
  // Anomalies first: detection latency must not depend on the interval.
  if (load.hasAnomalyChanges) return 'anomalies';
  if (load.lines >= policy.maxBufferedLines) return 'lines';
  if (load.deliveries >= policy.maxBufferedDeliveries) return 'deliveries';
  if (nowMillis - load.oldestAt >= policy.flushIntervalMs) return 'interval';
  return undefined;
}

/** Adding a delivery of `lines` would take the buffer past a cap: flush what is there first. */
export function wouldOverflow(load: BufferLoad, lines: number, policy: FlushPolicy): boolean {
  return (
    load.deliveries > 0 &&
    (load.lines + lines > policy.maxBufferedLines || load.deliveries + 1 > policy.maxBufferedDeliveries)
  );
}
