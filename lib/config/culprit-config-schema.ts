import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
import { logGroupName, serviceName } from '../../lambdas/core/config';
import { userPatternSource } from '../../lambdas/core/patterns';
import { MAX_FLUSH_INTERVAL_MS } from '../../lambdas/shared/env';
import { CONFIG_DEFAULTS } from '../defaults/config-defaults';

const EVENT_BUS_NAME = /^[/.\-_A-Za-z0-9]+$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;
/** Secrets Manager's rule for secret names. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const SLACK_CHANNEL = /^[#A-Za-z0-9._-]{1,80}$/;

/** A redaction pattern: RE2 syntax, run in linear time by the rank function (lambdas/core/patterns). */
const redactPattern = userPatternSource;

/** Retention periods CloudWatch Logs accepts (never "forever": logs must age out). */
const RETENTION_CHOICES: readonly number[] = Object.values(RetentionDays).filter(
  (value): value is number => typeof value === 'number' && value !== RetentionDays.INFINITE,
);

// Log group and service names follow the same rules as in culprit.config.json (lambdas/core/config).

const logGroupEntry = z.union([logGroupName, z.strictObject({ name: logGroupName, service: serviceName.optional() })]);

const positiveDays = (what: string) => z.number().positive(`${what} must be more than 0 days`);

/**
 * Field-by-field rules. Rules that relate fields to each other live in cross-field-checks.ts, because
 * zod skips refinements once a field has failed, and every problem must be reported at once.
 */
export const culpritConfigSchema = z
  .strictObject({
    logGroups: z.array(logGroupEntry).default([...CONFIG_DEFAULTS.logGroups]),
    logGroupPrefix: logGroupName.optional(),
    services: z
      .record(z.string().min(1, 'a resource name cannot be empty'), serviceName)
      .default({ ...CONFIG_DEFAULTS.services }),
    filterPattern: z
      .string()
      .max(1024, 'a filter pattern has at most 1024 characters')
      .default(CONFIG_DEFAULTS.filterPattern),
    blameConfidence: z
      .number()
      .min(0, 'must be between 0 and 1')
      .max(1, 'must be between 0 and 1')
      .default(CONFIG_DEFAULTS.blameConfidence),
    lookbackMinutes: z
      .number()
      .int('must be whole minutes')
      .positive('must be more than 0')
      .max(7 * 24 * 60, 'must be at most a week (10080)')
      .default(CONFIG_DEFAULTS.lookbackMinutes),
    ingestFlushIntervalMs: z
      .number()
      .int('must be whole milliseconds')
      .min(0, 'must be 0 (commit every delivery) or more')
      .max(MAX_FLUSH_INTERVAL_MS, `must be at most ${MAX_FLUSH_INTERVAL_MS} (15 minutes)`)
      .default(CONFIG_DEFAULTS.ingestFlushIntervalMs),
    templateCountsRetentionDays: positiveDays('template counts retention').default(
      CONFIG_DEFAULTS.templateCountsRetentionDays,
    ),
    deploysRetentionDays: positiveDays('deploys retention').default(CONFIG_DEFAULTS.deploysRetentionDays),
    incidentsRetentionDays: positiveDays('incidents retention').default(CONFIG_DEFAULTS.incidentsRetentionDays),
    logRetentionDays: z
      .number()
      .refine(
        (days) => RETENTION_CHOICES.includes(days),
        `must be one of CloudWatch Logs' retention periods: ${RETENTION_CHOICES.join(', ')}`,
      )
      .default(CONFIG_DEFAULTS.logRetentionDays),
    eventBusName: z
      .string()
      .min(1)
      .max(256)
      .regex(EVENT_BUS_NAME, 'an event bus name may contain only letters, digits and / . - _')
      .refine((name) => name !== 'default', 'Culprit creates its own bus; "default" is the account\'s bus')
      .default(CONFIG_DEFAULTS.eventBusName),
    trackLambdaDeploys: z.boolean().default(CONFIG_DEFAULTS.trackLambdaDeploys),
    alarmTopicArn: z
      .string()
      .regex(SNS_TOPIC_ARN, 'must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)')
      .optional(),
    removalPolicy: z.enum(['retain', 'destroy']).default(CONFIG_DEFAULTS.removalPolicy),
    rankBatchSize: z.number().int().min(1).max(10_000).default(CONFIG_DEFAULTS.rankBatchSize),
    rankMaxBatchingWindowSeconds: z
      .number()
      .int()
      .min(0)
      .max(300, 'SQS event sources batch for at most 300 seconds')
      .default(CONFIG_DEFAULTS.rankMaxBatchingWindowSeconds),
    rankMaxConcurrency: z
      .number()
      .int()
      .min(2, 'SQS event sources allow 2 to 1000')
      .max(1000, 'SQS event sources allow 2 to 1000')
      .default(CONFIG_DEFAULTS.rankMaxConcurrency),
    ingestTransport: z
      .enum(['lambda', 'kinesis'], { error: 'must be "lambda" or "kinesis"' })
      .default(CONFIG_DEFAULTS.ingestTransport),
    kinesisShardCount: z
      .number()
      .int('must be a whole number of shards')
      .min(1, 'must be 1 to 200 shards')
      .max(200, 'must be 1 to 200 shards')
      .optional(),
    kinesisBatchSize: z
      .number()
      .int('must be a whole number of records')
      .min(1, 'Kinesis event sources take 1 to 10000 records per batch')
      .max(10_000, 'Kinesis event sources take 1 to 10000 records per batch')
      .optional(),
    kinesisMaxBatchingWindowSeconds: z
      .number()
      .int('must be whole seconds')
      .min(0, 'Kinesis event sources batch for 0 to 300 seconds')
      .max(300, 'Kinesis event sources batch for 0 to 300 seconds')
      .optional(),
    slackSecretName: z
      .string()
      .regex(SECRET_NAME, 'a secret name has 1 to 512 letters, digits and / _ + = . @ -')
      .optional(),
    slackChannel: z.string().regex(SLACK_CHANNEL, 'a channel id (C…) or name, at most 80 characters').optional(),
    redactPatterns: z.array(redactPattern).default([...CONFIG_DEFAULTS.redactPatterns]),
    triggerStateMachineArn: z
      .string()
      .regex(STATE_MACHINE_ARN, 'must be a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>)')
      .optional(),
    triggerConfidence: z
      .number()
      .min(0, 'must be between 0 and 1')
      .max(1, 'must be between 0 and 1')
      .default(CONFIG_DEFAULTS.triggerConfidence),
    verification: z
      .union(
        [
          z.boolean(),
          z.strictObject({
            waitMinutes: z
              .number()
              .int()
              .min(0)
              .max(24 * 60)
              .optional(),
          }),
        ],
        {
          error: 'must be true, false or { waitMinutes } with whole minutes from 0 to 1440',
        },
      )
      .default(CONFIG_DEFAULTS.verification),
  })
  .transform(withTransportSettings);

/**
 * The Kinesis settings exist in the result only with `ingestTransport: 'kinesis'`, defaults applied there. So a
 * parsed configuration parses again to itself (CulpritStack and bin/app.ts hand one to `Culprit`, which parses its
 * props), and a kinesis setting next to the Lambda transport is still the user's (cross-field-checks.ts).
 */
function withTransportSettings<
  T extends { ingestTransport: 'lambda' | 'kinesis' } & { [K in KinesisSetting]?: number | undefined },
>(config: T): Omit<T, 'ingestTransport' | KinesisSetting> & TransportSettings {
  const { ingestTransport, kinesisShardCount, kinesisBatchSize, kinesisMaxBatchingWindowSeconds, ...rest } = config;
  if (ingestTransport === 'lambda') return { ...rest, ingestTransport };
  return {
    ...rest,
    ingestTransport,
    kinesisShardCount: kinesisShardCount ?? CONFIG_DEFAULTS.kinesisShardCount,
    kinesisBatchSize: kinesisBatchSize ?? CONFIG_DEFAULTS.kinesisBatchSize,
    kinesisMaxBatchingWindowSeconds: kinesisMaxBatchingWindowSeconds ?? CONFIG_DEFAULTS.kinesisMaxBatchingWindowSeconds,
  };
}

type KinesisSetting = 'kinesisShardCount' | 'kinesisBatchSize' | 'kinesisMaxBatchingWindowSeconds';

/** How deliveries reach ingest, with the settings of that transport. */
export type TransportSettings =
  | { readonly ingestTransport: 'lambda' }
  | {
      readonly ingestTransport: 'kinesis';
      readonly kinesisShardCount: number;
      readonly kinesisBatchSize: number;
      readonly kinesisMaxBatchingWindowSeconds: number;
    };

/** The configuration as written (every field optional). */
export type CulpritConfigInput = z.input<typeof culpritConfigSchema>;
/** The configuration after validation, defaults applied. */
export type CulpritConfig = z.output<typeof culpritConfigSchema>;
