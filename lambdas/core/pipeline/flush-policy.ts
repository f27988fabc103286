/**
 * When an ingest container commits what it buffered for a service. Committing the state costs about as many
 * DynamoDB write units as the gzipped state has KB (~42 for 122 templates), whatever the delivery size, so
 * committing per delivery makes DynamoDB the dominant cost; a container instead applies deliveries to its
 * copy of the state and commits them together (see docs/operations.md, "Cost model").
 */
export const INGEST_BUFFER_DEFAULTS = {
  /**
   * Longest a delivery waits in a container before its service is flushed, in ms. Bounds the delay of
   * template counts and of everything that is not an anomaly change (those flush at once). 0 commits
   * every delivery in its own invocation.
   * @default 60000
   */
  flushIntervalMs: 60_000,
  /**
   * Lines buffered per service before a flush is forced. Bounds the container's memory (the events are kept
   * to re-apply them if another container commits first) and the work a conflict redoes; above it a
   * delivery that cannot be flushed is refused (Lambda retries it later).
   * @default 50000
   */
  maxBufferedLines: 50_000,
} as const;

export interface FlushPolicy {
  readonly flushIntervalMs: number;
  readonly maxBufferedLines: number;
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

export type FlushReason = 'interval' | 'lines' | 'anomalies';

/** Why the buffer should be flushed now, or undefined when it can wait. */
export function flushReason(load: BufferLoad, nowMillis: number, policy: FlushPolicy): FlushReason | undefined {
  if (load.deliveries === 0 || load.oldestAt === undefined) return undefined;
  // Anomalies first: detection latency must not depend on the interval.
  if (load.hasAnomalyChanges) return 'anomalies';
  if (load.lines >= policy.maxBufferedLines) return 'lines';
  if (nowMillis - load.oldestAt >= policy.flushIntervalMs) return 'interval';
  return undefined;
}

/** Adding `lines` would take the buffer past the cap: flush what is there first. */
export function wouldOverflow(load: BufferLoad, lines: number, policy: FlushPolicy): boolean {
  return load.lines > 0 && load.lines + lines > policy.maxBufferedLines;
}
