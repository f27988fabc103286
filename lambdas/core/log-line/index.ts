export { parseLogLine } from './parse-log-line';
export type { LogLevel, LogLineFormat, ParsedLogLine } from './types';
