import { accessLevel, accessMessage, parseAccessLine } from './access-line';
import { LBRACE, RBRACE, isWhitespace } from './chars';
import { type HeaderFields, emptyHeaderFields } from './header-fields';
import { parseTextHeader } from './header-parser';
import type { JsonExtractor } from '../log-format/structured/extractor';
import { parseJsonLine } from './json-line';
import { isPlatformLine, platformLineLevel } from './lambda-runtime';
import type { TimestampScan } from './leading-timestamp';
import type { LogLineFormat, ParsedLogLine } from './types';

type MutableParsedLogLine = { -readonly [K in keyof ParsedLogLine]: ParsedLogLine[K] };

function firstNonWhitespace(text: string): number {
  let i = 0;
  while (isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

function lastNonWhitespace(text: string): number {
  let i = text.length - 1;
  while (i >= 0 && isWhitespace(text.charCodeAt(i))) i--;
  return i;
}

/** `text[start..]` without surrounding whitespace; the text itself when nothing is cut (no copy). */
function trimmedFrom(text: string, start: number): string {
  let from = start;
  while (isWhitespace(text.charCodeAt(from))) from++;
  let end = text.length;
  while (end > from && isWhitespace(text.charCodeAt(end - 1))) end--;
  return from === 0 && end === text.length ? text : text.slice(from, end);
}

function fromHeader(text: string, start: number, fields: HeaderFields): ParsedLogLine {
  const stripped = fields.messageStart > start;
  const found = fields.level !== undefined || fields.component !== undefined || !Number.isNaN(fields.millis);
  let format: LogLineFormat = 'plain';
  if (fields.lambdaRuntime) format = 'lambda-runtime';
  else if (stripped || found) format = 'header';
  const result: MutableParsedLogLine = { message: trimmedFrom(text, fields.messageStart), format };
  if (fields.level !== undefined) result.level = fields.level;
  if (!Number.isNaN(fields.millis)) result.timestamp = fields.millis;
  if (fields.component !== undefined) result.component = fields.component;
  return result;
}

function parse(raw: string, allowJson: boolean, allowNested = true, json?: JsonExtractor): ParsedLogLine {
  const start = firstNonWhitespace(raw);
  const scan: TimestampScan = { end: 0, millis: Number.NaN, syslog: false };
  const first = raw.charCodeAt(start);
  if (first === LBRACE && allowJson) {
    const last = lastNonWhitespace(raw);
    if (raw.charCodeAt(last) === RBRACE) {
      const record = parseJsonLine(raw.slice(start, last + 1), (inner) => parse(inner, false), json);
      if (record !== undefined) return record;
    }
  }
  if (isPlatformLine(raw, start)) {
    const level = platformLineLevel(raw);
    const result: MutableParsedLogLine = { message: trimmedFrom(raw, start), format: 'lambda-runtime' };
    if (level !== undefined) result.level = level;
    return result;
  }
  const fields = emptyHeaderFields();
  parseTextHeader(raw, start, fields, scan);
  const result = fromHeader(raw, start, fields);
  // An access-log line: only lines holding `HTTP/` whose header named no level are looked at.
  if (result.level === undefined && raw.indexOf('HTTP/', start) >= 0) {
    const access = parseAccessLine(raw);
    if (access !== undefined) {
      const timestamp = access.timestamp ?? result.timestamp;
      return {
        message: accessMessage(access),
        level: accessLevel(access.status),
        httpStatus: access.status,
        format: 'access',
        ...(timestamp === undefined ? {} : { timestamp }),
      };
    }
  }
  if (allowNested && result.timestamp !== undefined && result.level === undefined && result.component === undefined) {
    // A collector's timestamp in front of the application's own line (`<ISO> 134681 node-2 unix.hw … msg`):
    // the rest is read once more as a line of its own, and kept only when it has a header to strip.
    const inner = parse(result.message, false, false);
    if (inner.format === 'header' && (inner.level !== undefined || inner.component !== undefined))
      return { ...inner, timestamp: result.timestamp };
  }
  return result;
}

/**
 * Splits one raw log line into the message a template miner should see and its header fields (level, timestamp,
 * component). Pure and allocation-light: the header is scanned by character code at the start of the line only.
 * A JSON line is read with `json` (the extractor of its source's learnt shape) when given, else by the
 * conventional field names. Never throws; a line it does not recognise comes back trimmed with format `plain`. When unsure whether a field is
 * header or message, it is left in the message.
 */
export function parseLogLine(raw: string, json?: JsonExtractor): ParsedLogLine {
  if (typeof raw !== 'string') return { message: '', format: 'plain' }; // untyped callers: never throw
  return parse(raw, true, true, json);
}
