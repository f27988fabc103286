import { formatConfigPath } from '../../lambdas/core/config';
import { CONFIG_CONTEXT_KEY } from '../defaults/config-defaults';
import { CulpritConfigError, type ConfigProblem } from './culprit-config-error';
import { culpritConfigSchema, type CulpritConfig } from './culprit-config-schema';
import { crossFieldProblems } from './cross-field-checks';

/**
 * Validates a configuration (from props or CDK context) and applies the defaults. Throws one
 * `CulpritConfigError` naming every problem; `origin` says where the input came from.
 */
export function parseCulpritConfig(input: unknown, origin = 'props'): CulpritConfig {
  const raw = input ?? {};
  const parsed = culpritConfigSchema.safeParse(raw);
  const problems: ConfigProblem[] = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          path: formatConfigPath(issue.path),
          message:
            issue.code === 'unrecognized_keys'
              ? `unknown setting(s) ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`
              : issue.message,
        }))),
    ...crossFieldProblems(raw),
  ];
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new CulpritConfigError(origin, problems, parsed.success ? undefined : { cause: parsed.error });
}

/**
 * The raw configuration from CDK context key `culprit`: an object in cdk.json, or JSON text from
 * `cdk synth -c culprit='{…}'` (the CLI passes context values as strings). Absent means `{}`.
 */
export function readCulpritContext(tryGetContext: (key: string) => unknown): unknown {
  const value = tryGetContext(CONFIG_CONTEXT_KEY);
  if (value === undefined) return {};
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw new CulpritConfigError(
      `context "${CONFIG_CONTEXT_KEY}"`,
      [{ path: '(root)', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }],
      { cause: error },
    );
  }
}
