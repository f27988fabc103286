import { z } from 'zod';
import { InvalidInputError } from '../core/errors';
import { serviceMapSchema, type ServiceMap } from '../core/deploys';
import { ENV } from './env-names';

/**
 * Typed environment of each Culprit function. The handlers parse `process.env` once at cold start;
 * a missing or malformed variable stops the function with one error naming every variable at fault.
 */

const required = z.string().min(1, 'required');
const positiveNumber = z.coerce.number().positive();
const positiveInteger = z.coerce.number().int().positive();
const confidence = z.coerce.number().min(0).max(1);

/**
 * Longest flush interval ingest accepts: 15 minutes, Lambda's longest invocation. Longer delays would make
 * counts lag by more than rank's windows look at, and a shutdown flush more likely to find a long backlog.
 * @default 900000
 */
export const MAX_FLUSH_INTERVAL_MS = 900_000;

/** JSON text holding a service map; an absent variable means an empty map. */
const serviceMapJson = z
  .string()
  .default('{}')
  .transform((text, ctx): ServiceMap => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` });
      return z.NEVER;
    }
    const parsed = serviceMapSchema.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        message: `not an object of non-empty strings: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
      });
      return z.NEVER;
    }
    return parsed.data;
  });

/** JSON text holding an array of regular expression sources; an absent variable means none. */
const patternListJson = z
  .string()
  .default('[]')
  .transform((text, ctx): string[] => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` });
      return z.NEVER;
    }
    const parsed = z.array(z.string().min(1)).safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'not an array of non-empty strings' });
      return z.NEVER;
    }
    return parsed.data;
  });

export const ingestEnvSchema = z
  .object({
    [ENV.anomalyQueueUrl]: required,
    [ENV.ingestDeadLetterQueueUrl]: required,
    [ENV.minerStateTable]: required,
    [ENV.templateCountsTable]: required,
    [ENV.templateCountsTtlDays]: positiveNumber,
    [ENV.serviceMap]: serviceMapJson,
    [ENV.logGroupPrefix]: z.string().min(1).optional(),
    // Absent means the core's defaults (INGEST_BUFFER_DEFAULTS); the stack always sets them.
    [ENV.ingestFlushIntervalMs]: z.coerce.number().int().min(0).max(MAX_FLUSH_INTERVAL_MS).optional(),
    [ENV.ingestMaxBufferedLines]: positiveInteger.optional(),
    [ENV.ingestMaxBufferedDeliveries]: positiveInteger.optional(),
  })
  .transform((env) => ({
    anomalyQueueUrl: env[ENV.anomalyQueueUrl],
    deadLetterQueueUrl: env[ENV.ingestDeadLetterQueueUrl],
    minerStateTable: env[ENV.minerStateTable],
    templateCountsTable: env[ENV.templateCountsTable],
    templateCountsTtlDays: env[ENV.templateCountsTtlDays],
    serviceMap: env[ENV.serviceMap],
    logGroupPrefix: env[ENV.logGroupPrefix],
    flushIntervalMs: env[ENV.ingestFlushIntervalMs],
    maxBufferedLines: env[ENV.ingestMaxBufferedLines],
    maxBufferedDeliveries: env[ENV.ingestMaxBufferedDeliveries],
  }));

export const rankEnvSchema = z
  .object({
    [ENV.templateCountsTable]: required,
    [ENV.deploysTable]: required,
    [ENV.incidentsTable]: required,
    [ENV.incidentsTtlDays]: positiveNumber,
    [ENV.eventBusName]: required,
    [ENV.blameConfidence]: confidence,
    [ENV.lookbackMinutes]: positiveInteger,
    [ENV.serviceMap]: serviceMapJson,
    [ENV.slackSecretName]: z.string().min(1).optional(),
    [ENV.slackChannel]: z.string().min(1).optional(),
    [ENV.redactPatterns]: patternListJson,
    [ENV.triggerStateMachineArn]: z.string().min(1).optional(),
    [ENV.triggerConfidence]: confidence.optional(),
    [ENV.awsRegion]: z.string().min(1).optional(),
  })
  .transform((env) => ({
    templateCountsTable: env[ENV.templateCountsTable],
    deploysTable: env[ENV.deploysTable],
    incidentsTable: env[ENV.incidentsTable],
    incidentsTtlDays: env[ENV.incidentsTtlDays],
    eventBusName: env[ENV.eventBusName],
    blameConfidence: env[ENV.blameConfidence],
    lookbackMinutes: env[ENV.lookbackMinutes],
    serviceMap: env[ENV.serviceMap],
    slackSecretName: env[ENV.slackSecretName],
    slackChannel: env[ENV.slackChannel],
    redactPatterns: env[ENV.redactPatterns],
    triggerStateMachineArn: env[ENV.triggerStateMachineArn],
    triggerConfidence: env[ENV.triggerConfidence],
    region: env[ENV.awsRegion],
  }));

export const deploysEnvSchema = z
  .object({
    [ENV.deploysTable]: required,
    [ENV.deploysTtlDays]: positiveNumber,
    [ENV.serviceMap]: serviceMapJson,
  })
  .transform((env) => ({
    deploysTable: env[ENV.deploysTable],
    deploysTtlDays: env[ENV.deploysTtlDays],
    serviceMap: env[ENV.serviceMap],
  }));

export type IngestEnv = z.output<typeof ingestEnvSchema>;
export type RankEnv = z.output<typeof rankEnvSchema>;
export type DeploysEnv = z.output<typeof deploysEnvSchema>;

/** Parses an environment, reporting every missing or malformed variable of `functionName` at once. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
  functionName: string,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
  );
  throw new InvalidInputError(`environment of the ${functionName} function is invalid: ${problems.join('; ')}`, {
    cause: parsed.error,
  });
}
