/**
 * Epoch milliseconds of the common ISO-8601 shapes, computed from character codes instead of with
 * `Date.parse` (the costliest step per log line). Each function here only answers when the value is
 * certain; for anything unusual it returns NaN and the caller falls back to its reference parser
 * (`Date.parse`, or the leading-timestamp regex), so results never differ from the reference.
 */

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const TAB = 0x09;
const SPACE = 0x20;
const PLUS = 0x2b;
const COMMA = 0x2c;
const DASH = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const LETTER_T = 0x54;
const LETTER_Z = 0x5a;

/** Most fraction digits read; the leading-timestamp pattern allows nine (nanoseconds). */
const MAX_FRACTION_DIGITS = 9;

/** Where the last successful scan ended (an index into the text); one slot, so scans allocate nothing. */
const cursor = { end: 0 };

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days since 1970-01-01 of a valid proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return (
    era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468
  );
}

/** Two ASCII digits at `i` as a number, or -1 (also past the end: charCodeAt gives NaN there). */
function twoDigits(text: string, i: number): number {
  const high = text.charCodeAt(i) - 48;
  const low = text.charCodeAt(i + 1) - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

/**
 * `YYYY-MM-DD?HH:MM[:SS]` at the start of `text` (? is `T`, or also a space when `spaceJoint`), as
 * UTC epoch ms; NaN unless every field is in range (V8 rolls `02-30` over or accepts `24:00`, so those
 * go to the reference). The index after it goes to `cursor.end`.
 */
function dateTime(text: string, spaceJoint: boolean, secondsRequired: boolean): number {
  const century = twoDigits(text, 0);
  const yearInCentury = twoDigits(text, 2);
  if (century < 0 || yearInCentury < 0 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return Number.NaN;
  const year = century * 100 + yearInCentury;
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (month < 1 || month > 12 || day < 1) return Number.NaN;
  if (day > (month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return Number.NaN;
  const joint = text.charCodeAt(10);
  if (joint !== LETTER_T && !(spaceJoint && joint === SPACE)) return Number.NaN;
  const hours = twoDigits(text, 11);
  const minutes = twoDigits(text, 14);
  if (hours < 0 || hours > 23 || text.charCodeAt(13) !== COLON || minutes < 0 || minutes > 59) return Number.NaN;
  let seconds = 0;
  let end = 16;
  if (text.charCodeAt(16) === COLON) {
    seconds = twoDigits(text, 17);
    if (seconds < 0 || seconds > 59) return Number.NaN;
    end = 19;
  } else if (secondsRequired) {
    return Number.NaN;
  }
  cursor.end = end;
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * Milliseconds of the fraction digits after the mark at `mark` (the first three, truncated, as both
 * references do), or -1 when there are none or more than nine. The index after them goes to `cursor.end`.
 */
function fraction(text: string, mark: number): number {
  let i = mark + 1;
  let millis = 0;
  for (;;) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) break;
    if (i - mark <= 3) millis = millis * 10 + digit;
    i += 1;
  }
  const digits = i - mark - 1;
  if (digits === 0 || digits > MAX_FRACTION_DIGITS) return -1;
  cursor.end = i;
  return digits >= 3 ? millis : digits === 2 ? millis * 10 : millis * 100;
}

/**
 * Offset in ms of `±HH:MM` (also `±HHMM` and `±HH` when `short`) at `sign`; NaN when it is not one or
 * out of range. The index after it goes to `cursor.end`.
 */
function zoneOffset(text: string, sign: number, short: boolean): number {
  const hours = twoDigits(text, sign + 1);
  if (hours < 0 || hours > 23) return Number.NaN;
  let i = sign + 3;
  let minutes = 0;
  if (text.charCodeAt(i) === COLON) {
    minutes = twoDigits(text, i + 1);
    if (minutes < 0) return Number.NaN;
    i += 3;
  } else if (!short) {
    return Number.NaN;
  } else {
    const compact = twoDigits(text, i);
    if (compact >= 0) {
      minutes = compact;
      i += 2;
    }
  }
  if (minutes > 59) return Number.NaN;
  cursor.end = i;
  const offset = (hours * 60 + minutes) * MS_PER_MINUTE;
  return text.charCodeAt(sign) === PLUS ? offset : -offset;
}

/**
 * Epoch ms of a whole ISO-8601 date-time string exactly as `Date.parse` reads it:
 * `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)` is computed here, anything else goes to `Date.parse`
 * (NaN when that cannot read it either). A zone is required on the fast path because `Date.parse`
 * reads a date-time without one as local time.
 */
export function parseIsoTimestamp(text: string): number {
  let millis = dateTime(text, false, true);
  if (Number.isNaN(millis)) return Date.parse(text);
  let i = cursor.end;
  if (text.charCodeAt(i) === DOT) {
    const part = fraction(text, i);
    if (part < 0) return Date.parse(text);
    millis += part;
    i = cursor.end;
  }
  const zone = text.charCodeAt(i);
  if (zone === LETTER_Z) {
    i += 1;
  } else if (zone === PLUS || zone === DASH) {
    const offset = zoneOffset(text, i, false);
    if (Number.isNaN(offset)) return Date.parse(text);
    millis -= offset;
    i = cursor.end;
  } else {
    return Date.parse(text);
  }
  return i === text.length ? millis : Date.parse(text);
}

/**
 * Epoch ms of the timestamp a text log line starts with, for the shapes the leading-timestamp pattern
 * accepts most often (`2024-03-12T08:00:00.123Z`, `2015-07-29 17:41:44,747`, `…+01:00`, `…+0100`,
 * `…+01`, no zone = UTC), followed by a space, a tab or the end of the line. The length of the
 * timestamp plus its one separator goes to `leadingTimestampEnd()`. NaN means "not certain": the
 * caller must ask the reference pattern, which may still find a timestamp (or say there is none).
 */
export function scanLeadingIsoTimestamp(line: string): number {
  let millis = dateTime(line, true, false);
  if (Number.isNaN(millis)) return millis;
  let i = cursor.end;
  let next = line.charCodeAt(i);
  if (next === DOT || next === COMMA) {
    const part = fraction(line, i);
    if (part < 0) return Number.NaN;
    millis += part;
    i = cursor.end;
    next = line.charCodeAt(i);
  }
  if (next === LETTER_Z) {
    i += 1;
  } else if (next === PLUS || next === DASH) {
    const offset = zoneOffset(line, i, true);
    if (Number.isNaN(offset)) return offset;
    millis -= offset;
    i = cursor.end;
  } else if (next === SPACE || next === TAB) {
    // The pattern allows one white-space character before a zone: `… 08:00:00 +01:00`. A `Z`, or a
    // sign and two digits, after the blank may be one; `- INFO` (log4j's separator) cannot.
    const after = line.charCodeAt(i + 1);
    if (after === LETTER_Z || ((after === PLUS || after === DASH) && twoDigits(line, i + 2) >= 0)) return Number.NaN;
    cursor.end = i + 1;
    return millis;
  } else if (i === line.length) {
    cursor.end = i;
    return millis;
  } else {
    return Number.NaN;
  }
  // After a zone: the separator, or the end of the line.
  const separator = line.charCodeAt(i);
  if (separator === SPACE || separator === TAB) cursor.end = i + 1;
  else if (i === line.length) cursor.end = i;
  else return Number.NaN;
  return millis;
}

/** Characters the last successful {@link scanLeadingIsoTimestamp} took up, separator included. */
export function leadingTimestampEnd(): number {
  return cursor.end;
}
