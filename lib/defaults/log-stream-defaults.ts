import { Duration } from 'aws-cdk-lib';

/**
 * Fixed settings of the Kinesis transport (`ingestTransport: 'kinesis'`); the configurable ones (shards,
 * batch size, batching window) are in CONFIG_DEFAULTS.
 */
export const LOG_STREAM_DEFAULTS = {
  /**
   * The shortest (and cheapest) retention. A day covers any ingest outage someone notices through the
   * iterator-age alarm; older deliveries would no longer help rank today's deploys anyway.
   */
  retention: Duration.hours(24),
  /**
   * Retries of a failed batch. The handler parks unreadable records in the ingest dead-letter queue and reports
   * only transient failures, so a failing batch is worth retrying until it succeeds or ages out (10000 is the
   * most Lambda accepts short of "forever", which would make the age limit the only bound).
   */
  retryAttempts: 10_000,
  /** A batch older than the stream's retention is being trimmed from the stream anyway. */
  maxRecordAge: Duration.hours(24),
  /** Ingest falls behind the stream when its oldest unread record is this old… */
  iteratorAgeThreshold: Duration.minutes(5),
  /** …for this many consecutive periods of… */
  iteratorAgeEvaluationPeriods: 3,
  /** …this length. */
  iteratorAgePeriod: Duration.minutes(1),
} as const;
