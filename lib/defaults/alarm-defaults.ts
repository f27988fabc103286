import { Duration } from 'aws-cdk-lib';

/** Alarm settings: any dead letter or function error is worth a look, so thresholds are 1. */
export const ALARM_DEFAULTS = {
  period: Duration.minutes(5),
  evaluationPeriods: 1,
  deadLetterThreshold: 1,
  functionErrorThreshold: 1,
} as const;
