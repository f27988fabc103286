export { parseConfigFile, type ConfigFile, type ConfigFileInput, type RedactionPattern } from './parse-config-file';
export { analysisOptionsFrom, logGroupNamesFrom, redactorFrom, serviceMapFrom } from './to-analysis';
