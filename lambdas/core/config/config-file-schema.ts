/**
 * The schema of `culprit.config.json`, the one configuration file both the `culprit` CLI and the CDK app read.
 * Keys shared with the CDK app (lib/config) have the same names and meaning there; keys only the CLI uses are
 * listed in {@link CLI_ONLY_KEYS} so the CDK app can drop them before its own (strict) validation.
 */
import { z } from 'zod';
import { maskPatternSchema } from '../drain';
import { userPatternSource } from '../patterns';

const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;

/** A CloudWatch Logs log group name; the CDK config uses the same rule. */
export const logGroupName = z
  .string()
  .min(1, 'a log group name cannot be empty')
  .max(512, 'a log group name has at most 512 characters')
  .regex(LOG_GROUP_NAME, 'a log group name may contain only letters, digits and . - _ / #');

export const serviceName = z.string().min(1, 'a service name cannot be empty');

/**
 * A user pattern: RE2 syntax, run in linear time (lambdas/core/patterns), so no pattern can hang the tool;
 * one the engine refuses is named with the reason when the file is loaded.
 */
const regexSource = userPatternSource;

/** Extra masks for template mining: tokens matching `pattern` become `<NAME>` in templates. */
const maskPattern = z.strictObject({ name: maskPatternSchema.shape.name, pattern: regexSource });

/** Text removed from every line before it is mined, stored or shown (secrets, personal data). */
const redactionPattern = z.strictObject({
  name: z.string().min(1, 'a redaction needs a name'),
  pattern: regexSource,
  /** @default "<REDACTED>" */
  replacement: z.string().default('<REDACTED>'),
});

const minutes = (max: number) =>
  z.number().positive('must be more than 0 minutes').max(max, `must be at most ${max} minutes`);

/**
 * Settings only the CDK app uses. They are accepted here (so one file serves both) and validated by lib/config
 * when the stack is synthesized.
 */
const deployOnly = {
  logGroupPrefix: z.unknown().optional(),
  filterPattern: z.unknown().optional(),
  templateCountsRetentionDays: z.unknown().optional(),
  deploysRetentionDays: z.unknown().optional(),
  incidentsRetentionDays: z.unknown().optional(),
  logRetentionDays: z.unknown().optional(),
  eventBusName: z.unknown().optional(),
  trackLambdaDeploys: z.unknown().optional(),
  alarmTopicArn: z.unknown().optional(),
  removalPolicy: z.unknown().optional(),
  rankBatchSize: z.unknown().optional(),
  rankMaxBatchingWindowSeconds: z.unknown().optional(),
  rankMaxConcurrency: z.unknown().optional(),
  ingestFlushIntervalMs: z.unknown().optional(),
  ingestTransport: z.unknown().optional(),
  kinesisShardCount: z.unknown().optional(),
  kinesisBatchSize: z.unknown().optional(),
  kinesisMaxBatchingWindowSeconds: z.unknown().optional(),
  slackSecretName: z.unknown().optional(),
  slackChannel: z.unknown().optional(),
  redactPatterns: z.unknown().optional(),
  triggerStateMachineArn: z.unknown().optional(),
  triggerConfidence: z.unknown().optional(),
  verification: z.unknown().optional(),
};

export const configFileSchema = z.strictObject({
  /** Editors' JSON-schema hint; ignored. */
  $schema: z.string().optional(),
  /** Log group (or resource) name → service name. @default {} (the log group name is the service) */
  services: z.record(z.string().min(1, 'a log group name cannot be empty'), serviceName).default({}),
  /** Log groups to read (CLI `--source cloudwatch`) or subscribe (CDK), optionally naming their service. @default [] */
  logGroups: z
    .array(z.union([logGroupName, z.strictObject({ name: logGroupName, service: serviceName.optional() })]))
    .default([]),
  /** Confidence in [0, 1] at which a deploy is blamed. @default the analysis default (0.5) */
  blameConfidence: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
  /** How long before an incident deploys are suspects. @default the analysis default */
  lookbackMinutes: minutes(7 * 24 * 60).optional(),
  /** How long each service's first lines are taken as normal. @default the analysis default (10) */
  learningMinutes: minutes(24 * 60).optional(),
  /** @default [] */
  maskPatterns: z.array(maskPattern).default([]),
  /** @default [] */
  redactionPatterns: z.array(redactionPattern).default([]),
  ...deployOnly,
});

/** The file as written. */
export type ConfigFileInput = z.input<typeof configFileSchema>;
/** The file after validation, defaults applied. */
export type ConfigFile = z.output<typeof configFileSchema>;
export type RedactionPattern = z.output<typeof redactionPattern>;

/** Keys the CDK app's schema (lib/config) does not know; remove them before handing the file to it. */
export const CLI_ONLY_KEYS = ['$schema', 'learningMinutes', 'maskPatterns', 'redactionPatterns'] as const;
