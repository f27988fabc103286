import type { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * How often the container writes its stored metrics (one EMF line in its log group) at most.
 * @default 60000 (the metrics' resolution)
 */
export const METRICS_PUBLISH_INTERVAL_MS = 60_000;

/**
 * Publishes the container's metrics once a minute instead of once per invocation. Ingest runs once per
 * CloudWatch Logs delivery, and each EMF line it writes is CloudWatch Logs ingestion Culprit pays for; values
 * of the same metric accumulate in between (Powertools writes early when one metric holds 100 values), so
 * statistics such as the average `Lines` per delivery stay exact.
 */
export class MetricsCadence {
  private lastPublished: number;

  constructor(
    private readonly metrics: Metrics | undefined,
    private readonly now: () => number,
    private readonly intervalMs = METRICS_PUBLISH_INTERVAL_MS,
  ) {
    this.lastPublished = now();
  }

  /** At the end of an invocation: publishes if the interval has passed since the last write. */
  publishIfDue(): void {
    if (this.now() - this.lastPublished >= this.intervalMs) this.publishNow();
  }

  /** At shutdown, or after a flush the operator should see at once. */
  publishNow(): void {
    this.lastPublished = this.now();
    // Only when there is something: an empty publish logs a warning.
    if (this.metrics?.hasStoredMetrics() === true) this.metrics.publishStoredMetrics();
  }
}
