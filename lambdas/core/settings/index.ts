export {
  SETTINGS,
  allSettings,
  settingNamesOn,
  settingsSchema,
  type SettingName,
  type SettingNameOn,
  type SettingsInput,
  type SettingsOf,
  type SettingsSchema,
  type SettingsShape,
} from './catalog';
export {
  defineSetting,
  defaultOf,
  type CliFlag,
  type EnvCarrier,
  type LambdaName,
  type Setting,
  type Surface,
} from './setting';
export { SettingsError, type SettingsProblem } from './settings-error';
export { parseSettings, problemsOf, stackSettingsOf } from './parse-settings';
export { crossFieldProblems, mergedServiceMap } from './cross-field-checks';
export { formatSettingsPath } from './format-path';
export { decodeSettingText, envSettingsFields, settingsEnvironment, type EnvSettingsOf } from './env-codec';
export { defaultText, settingFlagValue, settingFlags, type SettingFlag } from './cli-flags';
export { KINESIS_DEFAULTS, MAX_FLUSH_INTERVAL_MS } from './ingest-settings';
export { MAX_REDACT_PATTERNS_JSON_BYTES, MAX_SERVICE_MAP_JSON_BYTES, MAX_SETTINGS_ENV_BYTES } from './limits';
export {
  LOG_RETENTION_CHOICES,
  jsonFieldName,
  logGroupName,
  regexSource,
  serviceName,
} from './value-schemas';
