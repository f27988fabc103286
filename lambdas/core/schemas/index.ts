export { deploySchema, type Deploy } from './deploy';
export { logEventSchema, type LogEvent } from './log-event';
export { epochMillisFromNumber, parseTimestampText, timestampSchema } from './timestamp';
