export {
  CLI_ONLY_KEYS,
  configFileSchema,
  type ConfigFile,
  type ConfigFileInput,
  type RedactionPattern,
} from './config-file-schema';
export { ConfigFileError, type ConfigFileProblem } from './config-file-error';
export { deploySettings, formatConfigPath, parseConfigFile } from './parse-config-file';
export { analysisOptionsFrom, logGroupNamesFrom, redactorFrom, serviceMapFrom } from './to-analysis';
export { logGroupName, serviceName } from './config-file-schema';
