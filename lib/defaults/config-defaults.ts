import {
  KINESIS_DEFAULTS,
  MAX_REDACT_PATTERNS_JSON_BYTES,
  MAX_SERVICE_MAP_JSON_BYTES,
  parseSettings,
} from '../../lambdas/core/settings';

/**
 * The stack's configuration defaults, read from the settings model (lambdas/core/settings, where each is declared
 * once) together with the Kinesis transport's, which apply only with `ingestTransport: 'kinesis'`.
 */
export const CONFIG_DEFAULTS = { ...parseSettings('stack', {}, 'defaults'), ...KINESIS_DEFAULTS } as const;

/** The CDK context key bin/app.ts reads the configuration from (`cdk.json` or `-c culprit='{…}'`). */
export const CONFIG_CONTEXT_KEY = 'culprit';

export { MAX_REDACT_PATTERNS_JSON_BYTES, MAX_SERVICE_MAP_JSON_BYTES };
