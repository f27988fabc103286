export {
  CONFIG_DEFAULTS,
  CONFIG_CONTEXT_KEY,
  MAX_SERVICE_MAP_JSON_BYTES,
  MAX_REDACT_PATTERNS_JSON_BYTES,
} from './config-defaults';
export {
  FUNCTION_DEFAULTS,
  FUNCTION_SETTINGS,
  BUNDLING_DEFAULTS,
  powertoolsEnvironment,
  type CulpritFunctionName,
} from './function-defaults';
export { QUEUE_DEFAULTS } from './queue-defaults';
export { TABLE_DEFAULTS } from './table-defaults';
export { ALARM_DEFAULTS } from './alarm-defaults';
export { SUBSCRIPTION_DEFAULTS } from './subscription-defaults';
export { RULE_TARGET_DEFAULTS } from './rule-defaults';
export { LOG_STREAM_DEFAULTS } from './log-stream-defaults';
