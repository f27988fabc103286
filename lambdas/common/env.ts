/**
 * Typed environment of each Culprit function. The handlers parse `process.env` once at cold start; a missing or
 * malformed variable stops the function with one error naming every variable at fault. The settings among the
 * variables are read with their own schemas (lambdas/core/settings); the resource names are required strings.
 */
import { z } from 'zod';
import { InvalidInputError } from '../core/errors';
import { envSettingsFields, type EnvSettingsOf, type LambdaName } from '../core/settings';
import { ENV } from './env-names';

const required = z.string().min(1, 'required');

/** The schema of `fn`'s environment: its resource variables (handler field → variable) and its settings. */
function functionEnvSchema<F extends LambdaName, R extends Record<string, string>, O extends Record<string, string>>(
  fn: F,
  resources: R,
  optional: O = {} as O,
): z.ZodType<{ [K in keyof R]: string } & { [K in keyof O]: string | undefined } & EnvSettingsOf<F>> {
  const settings = envSettingsFields(fn);
  const shape: Record<string, z.ZodType> = {};
  for (const variable of Object.values(resources)) shape[variable] = required;
  for (const variable of Object.values(optional)) shape[variable] = z.string().min(1).optional();
  for (const setting of settings) shape[setting.variable] = setting.field;
  return z.object(shape).transform((env) => {
    const out: Record<string, unknown> = {};
    for (const [key, variable] of Object.entries({ ...resources, ...optional })) out[key] = env[variable];
    for (const setting of settings) out[setting.key] = env[setting.variable];
    return out;
  }) as unknown as z.ZodType<{ [K in keyof R]: string } & { [K in keyof O]: string | undefined } & EnvSettingsOf<F>>;
}

export const ingestEnvSchema = functionEnvSchema('ingest', {
  anomalyQueueUrl: ENV.anomalyQueueUrl,
  deadLetterQueueUrl: ENV.ingestDeadLetterQueueUrl,
  minerStateTable: ENV.minerStateTable,
  templateCountsTable: ENV.templateCountsTable,
});

export const rankEnvSchema = functionEnvSchema(
  'rank',
  {
    templateCountsTable: ENV.templateCountsTable,
    minerStateTable: ENV.minerStateTable,
    deploysTable: ENV.deploysTable,
    incidentsTable: ENV.incidentsTable,
    eventBusName: ENV.eventBusName,
  },
  { region: ENV.awsRegion },
);

export const deploysEnvSchema = functionEnvSchema('deploys', { deploysTable: ENV.deploysTable });

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
