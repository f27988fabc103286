import {
  COLON,
  COMMA,
  DASH,
  DOT,
  LBRACKET,
  PLUS,
  RBRACKET,
  SLASH,
  SPACE,
  digitRun,
  digitsAt,
  twoDigitsAt,
  isDigit,
  isFieldEnd,
  isLetter,
  skipBlanks,
} from './chars';
import { epochMillis, isValidDate } from './civil-time';

/** Result slot of {@link scanLeadingTimestamp}; one per parse, filled in place so the scan allocates nothing. */
export interface TimestampScan {
  /** Index just after the timestamp (after the closing `]` of a bracketed one). */
  end: number;
  /** Epoch ms, or NaN when the timestamp has no absolute date (time of day, syslog without year, uptime). */
  millis: number;
  /** True for the syslog form `Mmm dd hh:mm:ss`, after which a host and a `tag[pid]:` follow. */
  syslog: boolean;
}

/** Epoch seconds/millis prefixes are only believed between 2000-01-01 and 2100-01-01. */
const EPOCH_MIN_SECONDS = 946_684_800;
const EPOCH_MAX_SECONDS = 4_102_444_800;
const MS_PER_MINUTE = 60_000;
const UPTIME_FRACTION_DIGITS = 6;

/**
 * `HH:MM[:SS][.fff|,fff]` with `sep` between fields (`:`, or `.` in DB2/BGL stamps). Returns ms of day or -1; the end
 * index goes to `scan.end`. Seconds are required unless `secondsOptional`.
 */
function timeOfDay(text: string, i: number, sep: number, secondsOptional: boolean, scan: TimestampScan): number {
  const hours = twoDigitsAt(text, i);
  if (hours < 0 || hours > 23 || text.charCodeAt(i + 2) !== sep) return -1;
  const minutes = twoDigitsAt(text, i + 3);
  if (minutes < 0 || minutes > 59) return -1;
  let j = i + 5;
  let seconds = 0;
  let fraction = 0;
  if (text.charCodeAt(j) === sep && isDigit(text.charCodeAt(j + 1))) {
    seconds = twoDigitsAt(text, j + 1);
    if (seconds < 0 || seconds > 60) return -1;
    j += 3;
    const mark = text.charCodeAt(j);
    if ((mark === DOT || mark === COMMA) && isDigit(text.charCodeAt(j + 1))) {
      const run = digitRun(text, j + 1);
      if (run >= 3) fraction = digitsAt(text, j + 1, 3);
      else fraction = run === 2 ? twoDigitsAt(text, j + 1) * 10 : digitsAt(text, j + 1, 1) * 100;
      j += 1 + run;
    }
  } else if (!secondsOptional) {
    return -1;
  }
  scan.end = j;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction;
}

/** Zone offset in ms at `i` (`Z`, `+hh`, `+hh:mm`, `+hhmm`, ` UTC`, ` GMT`), its end in `scan.end`; 0 if none. */
function zoneOffset(text: string, i: number, scan: TimestampScan): number {
  const c = text.charCodeAt(i);
  scan.end = i;
  if (c === 90 /* Z */) {
    scan.end = i + 1;
    return 0;
  }
  if (c === PLUS || c === DASH) {
    const hours = twoDigitsAt(text, i + 1);
    if (hours < 0 || hours > 23) return 0;
    let j = i + 3;
    if (text.charCodeAt(j) === COLON) j++;
    let minutes = twoDigitsAt(text, j);
    if (minutes < 0) minutes = 0;
    else j += 2;
    scan.end = j;
    const offset = (hours * 60 + minutes) * MS_PER_MINUTE;
    return c === PLUS ? offset : -offset;
  }
  if (c === SPACE && isFieldEnd(text.charCodeAt(i + 4))) {
    const zone = text.slice(i + 1, i + 4);
    if (zone === 'UTC' || zone === 'GMT') scan.end = i + 4;
  }
  return 0;
}

/** `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY.MM.DD`, then optionally `T`/space/`-`/`_` and a time and zone. */
function yearFirst(text: string, i: number, scan: TimestampScan): boolean {
  const year = digitsAt(text, i, 4);
  const sep = text.charCodeAt(i + 4);
  if (year < 0 || (sep !== DASH && sep !== SLASH && sep !== DOT)) return false;
  let j = i + 5;
  const monthDigits = isDigit(text.charCodeAt(j + 1)) ? 2 : 1;
  const month = digitsAt(text, j, monthDigits);
  j += monthDigits;
  if (month < 0 || text.charCodeAt(j) !== sep) return false;
  j++;
  const dayDigits = isDigit(text.charCodeAt(j + 1)) ? 2 : 1;
  const day = digitsAt(text, j, dayDigits);
  j += dayDigits;
  if (day < 0 || !isValidDate(year, month, day)) return false;
  const joint = text.charCodeAt(j);
  if (joint === 84 /* T */ || joint === SPACE || joint === DASH || joint === 95 /* _ */) {
    // BGL/DB2 stamps separate the time with dots: 2005-06-03-15.42.50.675872
    const timeSep = joint === DASH && text.charCodeAt(j + 3) === DOT ? DOT : COLON;
    const millisOfDay = timeOfDay(text, j + 1, timeSep, joint === 84, scan);
    if (millisOfDay >= 0) {
      const offset = zoneOffset(text, scan.end, scan);
      scan.millis = epochMillis(year, month, day, millisOfDay) - offset;
      return true;
    }
  }
  // A date alone must look like one (`2005.06.03`), not like a version number (`2024.1.5`).
  if (!isFieldEnd(joint) || monthDigits + dayDigits < 4) return false;
  scan.end = j;
  scan.millis = epochMillis(year, month, day, 0);
  return true;
}

/** Two-digit groups: `yy/MM/dd HH:mm:ss` (log4j/Spark default), or `dd/MM/yyyy`/`MM/dd/yyyy` with a time. */
function slashDate(text: string, i: number, scan: TimestampScan): boolean {
  const a = twoDigitsAt(text, i);
  const b = twoDigitsAt(text, i + 3);
  if (a < 0 || b < 0 || text.charCodeAt(i + 5) !== SLASH) return false;
  const longYear = isDigit(text.charCodeAt(i + 8)) && isDigit(text.charCodeAt(i + 9));
  const yearDigits = longYear ? 4 : 2;
  const c = digitsAt(text, i + 6, yearDigits);
  const afterDate = i + 6 + yearDigits;
  if (c < 0 || text.charCodeAt(afterDate) !== SPACE) return false;
  const millisOfDay = timeOfDay(text, afterDate + 1, COLON, false, scan);
  if (millisOfDay < 0) return false;
  scan.millis = Number.NaN;
  if (!longYear) {
    // Assumed yy/MM/dd: the pattern of log4j's and Spark's default layouts.
    if (isValidDate(2000 + a, b, c)) scan.millis = epochMillis(2000 + a, b, c, millisOfDay);
  } else if (a > 12 && isValidDate(c, b, a)) {
    scan.millis = epochMillis(c, b, a, millisOfDay); // dd/MM/yyyy, unambiguous only when dd > 12
  } else if (b > 12 && isValidDate(c, a, b)) {
    scan.millis = epochMillis(c, a, b, millisOfDay); // MM/dd/yyyy, unambiguous only when dd > 12
  }
  return true;
}

/** HDFS's `yyMMdd HHmmss`. */
function compactDate(text: string, i: number, scan: TimestampScan): boolean {
  if (text.charCodeAt(i + 6) !== SPACE || !isFieldEnd(text.charCodeAt(i + 13))) return false;
  const yy = twoDigitsAt(text, i);
  const month = twoDigitsAt(text, i + 2);
  const day = twoDigitsAt(text, i + 4);
  const hours = twoDigitsAt(text, i + 7);
  const minutes = twoDigitsAt(text, i + 9);
  const seconds = twoDigitsAt(text, i + 11);
  if (yy < 0 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 60) return false;
  if (!isValidDate(2000 + yy, month, day)) return false;
  scan.end = i + 13;
  scan.millis = epochMillis(2000 + yy, month, day, ((hours * 60 + minutes) * 60 + seconds) * 1000);
  return true;
}

/** Epoch seconds (10 digits, optional fraction) or millis (13 digits) standing alone as the first field. */
function epochPrefix(text: string, i: number, run: number, scan: TimestampScan): boolean {
  let end = i + run;
  let millis: number;
  if (run === 13) {
    millis = Number(text.slice(i, end));
  } else if (run === 10) {
    millis = digitsAt(text, i, 10) * 1000;
    if (text.charCodeAt(end) === DOT) {
      const fraction = digitRun(text, end + 1);
      if (fraction === 0) return false;
      millis += Math.floor(Number(`0.${text.slice(end + 1, end + 1 + Math.min(fraction, 3))}`) * 1000);
      end += 1 + fraction;
    }
  } else {
    return false;
  }
  if (!isFieldEnd(text.charCodeAt(end)) || millis < EPOCH_MIN_SECONDS * 1000 || millis >= EPOCH_MAX_SECONDS * 1000) {
    return false;
  }
  scan.end = end;
  scan.millis = millis;
  return true;
}

function scanNumeric(text: string, i: number, scan: TimestampScan): boolean {
  const run = digitRun(text, i);
  const next = text.charCodeAt(i + run);
  if (run === 4) return yearFirst(text, i, scan);
  if (run === 2 && next === SLASH) return slashDate(text, i, scan);
  if (run === 2 && next === COLON) {
    const millisOfDay = timeOfDay(text, i, COLON, false, scan);
    if (millisOfDay < 0 || !isFieldEnd(text.charCodeAt(scan.end))) return false;
    scan.millis = Number.NaN; // a time of day alone: the date is unknown
    return true;
  }
  if (run === 6) return compactDate(text, i, scan);
  return epochPrefix(text, i, run, scan);
}

/** Three letters folded to lower case in one number, so names are looked up without slicing the line. */
function foldedTriple(text: string, i: number): number {
  return ((text.charCodeAt(i) | 0x20) << 16) | ((text.charCodeAt(i + 1) | 0x20) << 8) | (text.charCodeAt(i + 2) | 0x20);
}

const MONTHS: ReadonlyMap<number, number> = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((name, index) => [
    foldedTriple(name, 0),
    index + 1,
  ]),
);
const WEEKDAYS: ReadonlySet<number> = new Set(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((name) => foldedTriple(name, 0)),
);

/** 1..12 for an English three-letter month abbreviation at `i` (any case) not followed by a letter, else 0. */
function monthAt(text: string, i: number): number {
  if (isLetter(text.charCodeAt(i + 3))) return 0;
  return MONTHS.get(foldedTriple(text, i)) ?? 0;
}

function isWeekdayAt(text: string, i: number): boolean {
  return !isLetter(text.charCodeAt(i + 3)) && WEEKDAYS.has(foldedTriple(text, i));
}

/** `Mmm dd hh:mm:ss` (day may be space-padded), then an optional `yyyy`: syslog and ctime share this tail. */
function monthDayTime(text: string, i: number, scan: TimestampScan): boolean {
  const month = monthAt(text, i);
  if (month === 0 || text.charCodeAt(i + 3) !== SPACE) return false;
  let j = i + 4;
  if (text.charCodeAt(j) === SPACE) j++;
  const dayDigits = isDigit(text.charCodeAt(j + 1)) ? 2 : 1;
  const day = digitsAt(text, j, dayDigits);
  j += dayDigits;
  if (day < 1 || day > 31 || text.charCodeAt(j) !== SPACE) return false;
  const millisOfDay = timeOfDay(text, j + 1, COLON, false, scan);
  if (millisOfDay < 0) return false;
  j = scan.end;
  const year = text.charCodeAt(j) === SPACE ? digitsAt(text, j + 1, 4) : -1;
  const afterYear = text.charCodeAt(j + 5);
  if (year >= 0 && (isFieldEnd(afterYear) || afterYear === RBRACKET) && isValidDate(year, month, day)) {
    scan.end = j + 5;
    scan.millis = epochMillis(year, month, day, millisOfDay);
    scan.syslog = false;
    return true;
  }
  scan.end = j;
  scan.millis = Number.NaN; // no year: guessing one would give wrong timestamps around New Year
  scan.syslog = true;
  return true;
}

function scanAlpha(text: string, i: number, scan: TimestampScan): boolean {
  if (isWeekdayAt(text, i) && text.charCodeAt(i + 3) === SPACE && monthDayTime(text, i + 4, scan)) {
    scan.syslog = false; // ctime: `Sun Dec 04 04:47:44 2005`
    return true;
  }
  return monthDayTime(text, i, scan);
}

/** `[...]` holding a timestamp, or a kernel uptime `[  123.456789]` (no absolute date). */
function scanBracketed(text: string, i: number, scan: TimestampScan): boolean {
  const inner = skipBlanks(text, i + 1);
  const c = text.charCodeAt(inner);
  let found: boolean;
  if (isDigit(c)) {
    found = scanNumeric(text, inner, scan);
    if (!found) {
      // Kernel uptime, printed with microseconds (`[ 1234.567890]`); `[1.5]` is more likely message text.
      const run = digitRun(text, inner);
      const fraction = digitRun(text, inner + run + 1);
      if (text.charCodeAt(inner + run) !== DOT || fraction !== UPTIME_FRACTION_DIGITS) return false;
      scan.end = inner + run + 1 + UPTIME_FRACTION_DIGITS;
      scan.millis = Number.NaN;
      found = true;
    }
  } else {
    found = isLetter(c) && scanAlpha(text, inner, scan);
  }
  if (!found) return false;
  const close = skipBlanks(text, scan.end);
  if (text.charCodeAt(close) !== RBRACKET) return false;
  scan.end = close + 1;
  scan.syslog = false;
  return true;
}

/**
 * Recognises a timestamp starting exactly at `index`: ISO-8601 (T or space, fraction, zone), `yyyy/MM/dd`,
 * `yy/MM/dd` (Spark), `yyMMdd HHmmss` (HDFS), epoch seconds/millis, a bare time of day, syslog `Mmm dd hh:mm:ss`,
 * ctime `Ddd Mmm dd hh:mm:ss yyyy`, each optionally in `[...]`. Fills `scan` and returns true when found.
 */
export function scanLeadingTimestamp(text: string, index: number, scan: TimestampScan): boolean {
  const c = text.charCodeAt(index);
  scan.syslog = false;
  if (isDigit(c)) return scanNumeric(text, index, scan);
  if (isLetter(c)) return scanAlpha(text, index, scan);
  if (c === LBRACKET) return scanBracketed(text, index, scan);
  return false;
}
