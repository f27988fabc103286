/**
 * HTTP access-log lines, recognised by what every layout shares rather than one pattern per server: an HTTP method
 * followed by a request target (`"GET /path HTTP/1.1"` in nginx/Apache common and combined, Envoy, HAProxy and ALB;
 * `GET host /path` columns in CloudFront), a three-digit status right after the request or at the head of the run
 * of numbers before it (ALB, HAProxy), and a timestamp anywhere in the first fields: in brackets
 * (`[10/Oct/2000:13:55:36 -0700]`, `[2016-04-15T20:17:00.310Z]`), as a field (ALB's ISO time), or as date and time
 * columns (CloudFront). Runs only on lines holding `HTTP/` that no header level claimed, so other lines pay one
 * `indexOf`.
 */
import { epochMillis, isValidDate } from './civil-time';
import { type TimestampScan, scanLeadingTimestamp } from './leading-timestamp';
import type { LogLevel } from './types';

const METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'CONNECT',
  'TRACE',
  'PROPFIND',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
]);

/** Fields the timestamp is looked for in (access logs put it near the start). */
const TIME_FIELDS = 6;
/** Fields after the request the status may be in (CloudFront puts the URI between, nginx nothing). */
const STATUS_AFTER = 2;

const STATUS = /^[1-5]\d\d$/;
const PROTOCOL = /^HTTP\/\d(?:\.\d)?$/;
/** A field of the run of numbers before a request: counts, durations, `ip:port`, `10/0/30/69/109`, `-`. */
const NUMERIC_FIELD = /^[\d.:/-]+$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3})\d*)?$/;
/** Common Log Format time, `[dd/Mon/yyyy:HH:mm:ss(.fff) ±zzzz]`, anywhere in the line. */
const CLF_TIME =
  /\[(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3})\d*)?(?: ?([+-])(\d{2}):?(\d{2}))?\]/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** What an access line says. */
export interface AccessLine {
  readonly method: string;
  /** The request target without its query string (`/api/orders/12`, `http://host:80/`). */
  readonly path: string;
  readonly protocol?: string;
  /** The HTTP status the server answered with (100..599). */
  readonly status: number;
  /** Epoch ms, when the line has a timestamp with a date. */
  readonly timestamp?: number;
}

const unquoted = (field: string): string => field.replace(/^["'[]+|["'\]]+$/g, '');

function clfTime(line: string): number | undefined {
  const match = CLF_TIME.exec(line);
  if (match === null) return undefined;
  const [, day, monthName, year, hours, minutes, seconds, fraction, sign, zoneHours, zoneMinutes] = match;
  const month = MONTHS.indexOf((monthName as string).toLowerCase()) + 1;
  if (month === 0 || !isValidDate(Number(year), month, Number(day))) return undefined;
  const ofDay =
    ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number((fraction ?? '0').padEnd(3, '0'));
  const zone =
    sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes)) * 60_000;
  return epochMillis(Number(year), month, Number(day), ofDay) - zone;
}

/** The first field (of the first few) that is a timestamp with a date; a date column takes the time column after it. */
function fieldTime(line: string, fields: readonly string[]): number | undefined {
  const scan: TimestampScan = { end: 0, millis: Number.NaN, syslog: false };
  let offset = 0;
  for (let index = 0; index < Math.min(fields.length, TIME_FIELDS); index++) {
    const field = fields[index] as string;
    const at = line.indexOf(field, offset);
    offset = at + field.length;
    if (!scanLeadingTimestamp(line, at, scan) || Number.isNaN(scan.millis)) continue;
    if (scan.end === at + field.length) {
      const time = TIME_OF_DAY.exec(fields[index + 1] ?? '');
      if (time !== null && scan.millis % 86_400_000 === 0) {
        const [, hours, minutes, seconds, fraction] = time;
        const ofDay =
          ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 +
          Number((fraction ?? '0').padEnd(3, '0'));
        return scan.millis + ofDay;
      }
    }
    return scan.millis;
  }
  return undefined;
}

/** The status after the request, else the first status in the run of numeric fields right before it. */
function statusAround(fields: readonly string[], method: number, end: number): number | undefined {
  for (let index = end; index < Math.min(fields.length, end + STATUS_AFTER); index++) {
    const field = fields[index] as string;
    if (STATUS.test(field)) return Number(field);
  }
  let first = method;
  while (first > 0 && NUMERIC_FIELD.test(fields[first - 1] as string)) first--;
  for (let index = first; index < method; index++) {
    const field = fields[index] as string;
    if (STATUS.test(field)) return Number(field);
  }
  return undefined;
}

/** The access line `line` is, or undefined. */
export function parseAccessLine(line: string): AccessLine | undefined {
  if (line.indexOf('HTTP/') < 0) return undefined;
  const tabbed = line.indexOf('\t') >= 0;
  const fields = line.trim().split(tabbed ? /\t/ : / +/);
  for (let method = 0; method < fields.length - 1; method++) {
    const raw = fields[method] as string;
    const quoted = raw.charCodeAt(0) === 34;
    if (!METHODS.has(quoted ? raw.slice(1) : raw) || !(quoted || tabbed)) continue;
    // The target follows the method (quoted requests) or one column later (CloudFront's host column between).
    let target = method + 1;
    if (!quoted && !/^["']?(?:\/|https?:|\*)/.test(fields[target] as string)) target++;
    const targetField = unquoted(fields[target] ?? '');
    if (!/^(?:\/|https?:|\*)/.test(targetField)) continue;
    const protocolField = quoted ? unquoted(fields[target + 1] ?? '') : '';
    const protocol = PROTOCOL.test(protocolField) ? protocolField : undefined;
    const end = protocol === undefined ? target + 1 : target + 2;
    const status = statusAround(fields, method, end);
    if (status === undefined) continue;
    const timestamp = clfTime(line) ?? fieldTime(line, fields);
    const query = targetField.indexOf('?');
    return {
      method: quoted ? raw.slice(1) : raw,
      path: query < 0 ? targetField : targetField.slice(0, query),
      ...(protocol === undefined ? {} : { protocol }),
      status,
      ...(timestamp === undefined ? {} : { timestamp }),
    };
  }
  return undefined;
}

/** The words a status class is mined as: different words keep 5xx and 2xx lines of one route apart. */
const CLASS_WORDS = ['informational', 'success', 'redirect', 'client refusal', 'server error'] as const;

/**
 * The message an access line is mined as: request and status, then its class in words (`GET /api HTTP/1.1 503
 * server error`). The client address, sizes, referrer and user agent are left out: they vary per request, and
 * user agents of different lengths would split one route into many templates.
 */
export function accessMessage(access: AccessLine): string {
  const words = CLASS_WORDS[Math.floor(access.status / 100) - 1] ?? 'status';
  return `${access.method} ${access.path}${access.protocol === undefined ? '' : ` ${access.protocol}`} ${access.status} ${words}`;
}

/** 5xx is a server failing; 4xx is the client's doing and not an error of the service. */
export function accessLevel(status: number): LogLevel {
  return status >= 500 ? 'ERROR' : 'INFO';
}
