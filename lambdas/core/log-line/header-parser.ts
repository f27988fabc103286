import {
  COLON,
  DASH,
  LBRACKET,
  RBRACKET,
  SPACE,
  TAB,
  digitsAt,
  fieldEnd,
  isDigit,
  isNameChar,
  isUpper,
  skipBlanks,
  twoDigitsAt,
} from './chars';
import { parseBglLine, parseHpcLine } from './fixed-field-formats';
import type { HeaderFields } from './header-fields';
import { scanHeaderFields } from './header-tokens';
import { type TimestampScan, scanLeadingTimestamp } from './leading-timestamp';
import { parseNodeRuntimeTail, parsePythonRuntimeLine } from './lambda-runtime';
import { letterLevelAt, levelAt } from './level';
import { parseSyslogTail } from './syslog-tail';

/** Longest `file.go:123]` location in a glog header. */
const MAX_GLOG_LOCATION = 96;

/**
 * glog/klog: `E0101 12:00:00.123456 1234 main.go:42] message`. The month/day carry no year, so no timestamp.
 */
function parseGlogLine(text: string, start: number, fields: HeaderFields): boolean {
  const level = letterLevelAt(text, start);
  if (level === undefined || digitsAt(text, start + 1, 4) < 0 || text.charCodeAt(start + 5) !== SPACE) return false;
  if (twoDigitsAt(text, start + 6) < 0 || text.charCodeAt(start + 8) !== COLON) return false;
  const threadAt = skipBlanks(text, fieldEnd(text, start + 6));
  const locationAt = skipBlanks(text, fieldEnd(text, threadAt));
  const locationEnd = fieldEnd(text, locationAt);
  if (!isDigit(text.charCodeAt(threadAt)) || locationEnd - locationAt > MAX_GLOG_LOCATION) return false;
  if (text.charCodeAt(locationEnd - 1) !== RBRACKET) return false;
  const colon = text.lastIndexOf(':', locationEnd - 1);
  fields.level = level;
  if (colon > locationAt) fields.component = text.slice(locationAt, colon);
  fields.messageStart = skipBlanks(text, locationEnd);
  return true;
}

/** Python's default `basicConfig` format: `ERROR:root:message`. */
function parsePythonDefault(text: string, start: number, fields: HeaderFields): boolean {
  let firstColon = start;
  while (isUpper(text.charCodeAt(firstColon))) firstColon++;
  if (text.charCodeAt(firstColon) !== COLON) return false;
  const level = levelAt(text, start, firstColon, true);
  if (level === undefined) return false;
  let secondColon = firstColon + 1;
  while (isNameChar(text.charCodeAt(secondColon))) secondColon++;
  if (secondColon === firstColon + 1 || text.charCodeAt(secondColon) !== COLON) return false;
  fields.level = level;
  fields.component = text.slice(firstColon + 1, secondColon);
  fields.messageStart = secondColon + 1;
  return true;
}

/**
 * Fills `fields` from the header of a text line whose first non-blank character is at `start`: a Lambda runtime
 * layout, a fixed-column format (BGL, HPC), else a leading timestamp followed by syslog's host and tag or by the
 * generic level/thread/pid/logger fields, else (glog, Python's default, or) those fields without a timestamp.
 */
export function parseTextHeader(text: string, start: number, fields: HeaderFields, scan: TimestampScan): void {
  const first = text.charCodeAt(start);
  fields.messageStart = start;
  if (start === 0 && first === DASH && parseBglLine(text, fields)) return;
  if (first === LBRACKET && parsePythonRuntimeLine(text, start, fields, scan)) return;
  if (scanLeadingTimestamp(text, start, scan)) {
    fields.millis = scan.millis;
    if (text.charCodeAt(scan.end) === TAB && parseNodeRuntimeTail(text, scan.end, fields)) return;
    if (scan.syslog) {
      parseSyslogTail(text, scan.end, fields);
      return;
    }
    scanHeaderFields(text, scan.end, true, fields);
    return;
  }
  if (isDigit(first)) {
    if (start === 0) parseHpcLine(text, fields);
    return;
  }
  if (isUpper(first)) {
    if (start === 0 && parseBglLine(text, fields)) return;
    if (parseGlogLine(text, start, fields) || parsePythonDefault(text, start, fields)) return;
  }
  scanHeaderFields(text, start, false, fields);
}
