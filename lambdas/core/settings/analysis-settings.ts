/** Settings of the analysis itself (the same core in the CLI and the Lambdas). */
import { z } from 'zod';
import { maskPatternSchema } from '../drain';
import { DETECT_DEFAULTS } from '../detect';
import { RANK_DEFAULTS } from '../rank';
import { defineSetting } from './setting';
import { between, regexSource, serviceName } from './value-schemas';

const MINUTE_MS = 60_000;

export const ANALYSIS_SETTINGS = {
  blameConfidence: defineSetting({
    schema: between(0, 1).default(RANK_DEFAULTS.blameThreshold),
    doc: 'Minimum confidence, 0 to 1, for a deploy to be blamed.',
    where: ['stack', 'file', 'cli', 'env'],
    cli: { flags: '--blame-threshold <p>', commands: ['analyze'] },
    env: { variable: 'CULPRIT_BLAME_CONFIDENCE', functions: ['rank'] },
  }),
  lookbackMinutes: defineSetting({
    schema: z
      .number()
      .int('must be whole minutes')
      .positive('must be more than 0')
      .max(7 * 24 * 60, 'must be at most a week (10080)')
      .default(RANK_DEFAULTS.lookbackMs / MINUTE_MS),
    doc: 'How far before an incident deploys are suspects.',
    details:
      'The same for the stack and the CLI, so both name the same suspects: two hours also catch a slow leak or a cache that takes an hour to expire, and the lag penalty already discounts a deploy that long before the incident.',
    unit: 'minutes',
    where: ['stack', 'file', 'cli', 'env'],
    cli: { flags: '--lookback <minutes>', commands: ['analyze'] },
    env: { variable: 'CULPRIT_LOOKBACK_MINUTES', functions: ['rank'] },
  }),
  learningMinutes: defineSetting({
    schema: z
      .number()
      .positive('must be more than 0 minutes')
      .max(24 * 60, 'must be at most 1440 minutes')
      .default(DETECT_DEFAULTS.learningMs / MINUTE_MS),
    doc: "How long each service's first lines are taken as normal.",
    unit: 'minutes',
    where: ['file', 'cli'],
    cli: { flags: '--learning <minutes>', commands: ['analyze'] },
  }),
  maskPatterns: defineSetting({
    schema: z.array(z.strictObject({ name: maskPatternSchema.shape.name, pattern: regexSource })).default([]),
    doc: 'Extra masks for template mining: tokens matching `pattern` become `<NAME>` in templates.',
    where: ['file'],
  }),
  redactionPatterns: defineSetting({
    schema: z
      .array(
        z.strictObject({
          name: z.string().min(1, 'a redaction needs a name'),
          pattern: regexSource,
          replacement: z.string().default('<REDACTED>'),
        }),
      )
      .default([]),
    doc: 'Text removed from every line before it is mined, stored or shown: { name, pattern, replacement? }.',
    details: 'The replacement defaults to `<REDACTED>`.',
    where: ['file'],
  }),
  dependsOn: defineSetting({
    schema: z.record(serviceName, z.array(serviceName)).default({}),
    doc: 'Service name → the services it calls, for blaming a deploy of a service another one depends on.',
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_DEPENDS_ON', functions: ['rank'] },
  }),
  threads: defineSetting({
    schema: z
      .number()
      .int('must be a whole number of threads')
      .min(1, 'must be 1 to 256 threads')
      .max(256, 'must be 1 to 256 threads')
      .optional(),
    doc: 'Mining threads for log files (1: no worker threads).',
    absent: 'one per core, at most one per file',
    where: ['cli'],
    cli: { flags: '--threads <n>', commands: ['analyze'] },
  }),
} as const;
