import { Duration } from 'aws-cdk-lib';

/** Delivery settings of the EventBridge targets (deploy events → deploys function). */
export const RULE_TARGET_DEFAULTS = {
  /** Deploys are rare and each matters: retry a failed hand-over many times before the DLQ. */
  retryAttempts: 8,
  /** A deploy older than two hours still matters to an incident, but by then someone should look. */
  maxEventAge: Duration.hours(2),
} as const;
