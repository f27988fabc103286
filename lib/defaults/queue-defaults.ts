import { Duration } from 'aws-cdk-lib';
import { QueueEncryption } from 'aws-cdk-lib/aws-sqs';

/** Settings of every Culprit queue (the anomaly queue and the dead-letter queues). */
export const QUEUE_DEFAULTS = {
  encryption: QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
  /** Dead letters wait two weeks (the SQS maximum) for someone to look at them. */
  deadLetterRetention: Duration.days(14),
  /** An anomaly batch that fails five times is poison; keep it for inspection instead of retrying forever. */
  maxReceiveCount: 5,
  /**
   * AWS advises a visibility timeout of at least six times the consumer's timeout, so a message is
   * not handed out again while an earlier attempt (and its retries) may still be running.
   */
  visibilityTimeoutPerFunctionTimeout: 6,
} as const;
