export { CONFIG_FILE_NAME, findConfigFile, readConfigFile, readConfigFileSync } from './read-config-file';
export { parseTimeBound, parseTimeRange } from './time-range';
export { flagOf, settingOption } from './setting-option';
