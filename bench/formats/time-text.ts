/** Timestamp spellings the layouts of the format corpus use, from epoch milliseconds (UTC). */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function pad(value: number, width = 2, fill = '0'): string {
  return String(value).padStart(width, fill);
}

/** The parts of a UTC time, with fractions to 9 digits (the nanoseconds are made up from the millis). */
export interface TimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millis: number;
  /** Nine fraction digits. */
  readonly nanos: string;
  readonly monthName: string;
  readonly weekday: string;
}

export function timeParts(epochMillis: number): TimeParts {
  const date = new Date(epochMillis);
  const millis = date.getUTCMilliseconds();
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millis,
    nanos: `${pad(millis, 3)}${pad((epochMillis * 7919) % 1_000_000, 6)}`,
    monthName: MONTHS[date.getUTCMonth()] ?? 'Jan',
    weekday: WEEKDAYS[date.getUTCDay()] ?? 'Mon',
  };
}

export function ymd(t: TimeParts, sep = '-'): string {
  return `${t.year}${sep}${pad(t.month)}${sep}${pad(t.day)}`;
}

export function hms(t: TimeParts): string {
  return `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

/** `hh:mm:ss` plus a fraction of `digits` digits after `mark`. */
export function hmsFraction(t: TimeParts, digits: number, mark = '.'): string {
  return `${hms(t)}${mark}${t.nanos.slice(0, digits)}`;
}
