import { SettingsError, parseSettings } from '../../lambdas/core/settings';
import { CONFIG_CONTEXT_KEY } from '../defaults/config-defaults';
import { withTransportSettings, type CulpritConfig } from './culprit-config';

/**
 * Validates a configuration (from props or CDK context) and applies the defaults. Throws one `SettingsError`
 * naming every problem; `origin` says where the input came from.
 */
export function parseCulpritConfig(input: unknown, origin = 'props'): CulpritConfig {
  return withTransportSettings(parseSettings('stack', input, origin));
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
    throw new SettingsError(
      `context "${CONFIG_CONTEXT_KEY}"`,
      [{ path: '(root)', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }],
      { cause: error },
    );
  }
}
