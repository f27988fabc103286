export { parseLogLine } from './parse-log-line';
export type { LogLevel, LogLineFormat, ParsedLogLine } from './types';
// Building blocks the per-source format inference (lambdas/core/log-format) reuses rather than copies.
export { levelAt, normaliseLevel } from './level';
export { type TimestampScan, scanLeadingTimestamp } from './leading-timestamp';
export { type AccessLine, accessLevel, accessMessage, parseAccessLine } from './access-line';
