import { LBRACKET, RBRACKET, TAB, isFieldEnd, isUpper, skipBlanks } from './chars';
import type { HeaderFields } from './header-fields';
import { type TimestampScan, scanLeadingTimestamp } from './leading-timestamp';
import { levelAt } from './level';
import type { LogLevel } from './types';

/**
 * Lines the Lambda service writes around each invocation. They are kept whole as the message: their fields
 * (request id, durations) are what template mining should turn into variables.
 */
const PLATFORM_PREFIXES: readonly string[] = [
  'START RequestId: ',
  'END RequestId: ',
  'REPORT RequestId: ',
  'INIT_START ',
  'INIT_REPORT ',
  'INIT_RUNTIME_DONE ',
  'RESTORE_START ',
  'RESTORE_REPORT ',
  'EXTENSION\t',
  'TELEMETRY\t',
];

/** The prefixes by their first character code, so a line is compared only with those that can match. */
const PREFIXES_BY_FIRST = new Map<number, readonly string[]>();
for (const prefix of PLATFORM_PREFIXES) {
  const first = prefix.charCodeAt(0);
  PREFIXES_BY_FIRST.set(first, [...(PREFIXES_BY_FIRST.get(first) ?? []), prefix]);
}

/** Is `text`, from `start`, a line the Lambda service writes around invocations (START, END, REPORT, INIT_START...)? */
export function isPlatformLine(text: string, start: number): boolean {
  const first = text.charCodeAt(start);
  // S(TART), E(ND, XTENSION), R(EPORT, ESTORE_), I(NIT_), T(ELEMETRY): reject everything else without a lookup.
  if (first !== 83 && first !== 69 && first !== 82 && first !== 73 && first !== 84) return false;
  // Levels start with the same letters (INFO, ERROR, TRACE): the next two characters rule them out.
  const second = text.charCodeAt(start + 1);
  if (second !== 84 && second !== 78 && second !== 88 && second !== 69) return false; // T N X E
  const third = text.charCodeAt(start + 2);
  if (third !== 65 && third !== 68 && third !== 80 && third !== 83 && third !== 73 && third !== 84 && third !== 76)
    return false; // A D P S I T L
  for (const prefix of PREFIXES_BY_FIRST.get(first)!) if (text.startsWith(prefix, start)) return true;
  return false;
}

/** ERROR for a REPORT/INIT_REPORT whose `Status:` says the invocation or init failed (timeout, error), else none. */
export function platformLineLevel(text: string): LogLevel | undefined {
  return text.includes('Status: timeout') || text.includes('Status: error') ? 'ERROR' : undefined;
}

/** Index of the next tab at or after `index` on the same header (none past `limit`), or -1. */
function tabWithin(text: string, index: number, limit: number): number {
  const end = Math.min(text.length, index + limit);
  for (let i = index; i < end; i++) if (text.charCodeAt(i) === TAB) return i;
  return -1;
}

const MAX_LEVEL_FIELD = 8;
const UUID_LENGTH = 36;

/** The Node.js runtime's request-id field: a UUID, or `undefined` while the function initialises. */
function isRequestIdField(text: string, start: number, end: number): boolean {
  if (end - start === UUID_LENGTH) return isUuidField(text, start);
  return end - start === 9 && text.startsWith('undefined', start);
}

/**
 * Node.js runtime, after its timestamp: `\t<request-id>\t<LEVEL>\t<message>`. `index` is the tab after the timestamp.
 * Returns false (fields untouched) when the layout does not match, e.g. zap's `time\tinfo\tfile:line\tmsg`.
 */
export function parseNodeRuntimeTail(text: string, index: number, fields: HeaderFields): boolean {
  if (text.charCodeAt(index) !== TAB) return false;
  const requestEnd = tabWithin(text, index + 1, UUID_LENGTH + 1);
  if (requestEnd < 0 || !isRequestIdField(text, index + 1, requestEnd)) return false;
  const levelEnd = tabWithin(text, requestEnd + 1, MAX_LEVEL_FIELD + 1);
  const level = levelEnd > requestEnd ? levelAt(text, requestEnd + 1, levelEnd, false) : undefined;
  if (level !== undefined) {
    fields.level = level;
    fields.messageStart = levelEnd + 1;
  } else {
    fields.messageStart = requestEnd + 1; // older runtimes: `time \t request-id \t message`
  }
  fields.lambdaRuntime = true;
  return true;
}

/** Python runtime: `[LEVEL]\t<ISO time>\t<request-id>\t<message>`. */
export function parsePythonRuntimeLine(
  text: string,
  start: number,
  fields: HeaderFields,
  scan: TimestampScan,
): boolean {
  if (text.charCodeAt(start) !== LBRACKET) return false;
  let close = start + 1;
  while (isUpper(text.charCodeAt(close))) close++;
  if (text.charCodeAt(close) !== RBRACKET || text.charCodeAt(close + 1) !== TAB) return false;
  const level = levelAt(text, start + 1, close, false);
  if (level === undefined || !scanLeadingTimestamp(text, close + 2, scan) || text.charCodeAt(scan.end) !== TAB) {
    return false;
  }
  const requestEnd = tabWithin(text, scan.end + 1, UUID_LENGTH + 1);
  if (requestEnd < 0 || !isRequestIdField(text, scan.end + 1, requestEnd)) return false;
  fields.level = level;
  fields.millis = scan.millis;
  fields.messageStart = skipBlanks(text, requestEnd + 1);
  fields.lambdaRuntime = true;
  return true;
}

/** 8-4-4-4-12 hexadecimal digits standing alone as a field: a Lambda/X-Ray request id after a timestamp. */
export function isUuidField(text: string, index: number): boolean {
  if (!isFieldEnd(text.charCodeAt(index + 36))) return false;
  for (let k = 0; k < 36; k++) {
    const c = text.charCodeAt(index + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102))) {
      return false;
    }
  }
  return true;
}
