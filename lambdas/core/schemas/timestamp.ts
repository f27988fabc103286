import { z } from 'zod';
import { scanLeadingTimestamp, type TimestampScan } from '../log-line/leading-timestamp';

/** The range of a JavaScript `Date` (±100 000 000 days around 1970): anything beyond has no ISO form. */
const MAX_EPOCH_MILLIS = 8.64e15;

/**
 * Where epoch numbers change unit, read from their magnitude. Epoch seconds from 2001-09-09 to the year 5138
 * are 10 or 11 digits; the same numbers as milliseconds would fall in 1970–1973, when no log of ours was
 * written. Likewise microseconds and nanoseconds are too large to be milliseconds of a real date.
 */
const SECONDS_FROM = 1e9;
const MILLIS_FROM = 1e11;
const MICROS_FROM = 1e14;
const NANOS_FROM = 1e17;

/**
 * Epoch milliseconds of an epoch number in seconds, milliseconds, microseconds or nanoseconds, told apart by
 * magnitude (see above); numbers below 10^9 are taken as milliseconds. NaN when it is not finite or falls
 * outside the range a `Date` can hold.
 */
export function epochMillisFromNumber(value: number): number {
  if (!Number.isFinite(value)) return Number.NaN;
  const size = Math.abs(value);
  let millis = value;
  // Rounded after scaling: 1710234000.123 s times 1000 is not exactly an integer in floating point.
  if (size >= SECONDS_FROM && size < MILLIS_FROM) millis = Math.round(value * 1000);
  else if (size >= MICROS_FROM && size < NANOS_FROM) millis = Math.floor(value / 1000);
  else if (size >= NANOS_FROM) millis = Math.floor(value / 1e6);
  return Math.abs(millis) <= MAX_EPOCH_MILLIS ? millis : Number.NaN;
}

/** A zone named at the end of a date string that `Date.parse` reads (`GMT`, `UTC`, `Z`, `+01:00`, `-0500`). */
const EXPLICIT_ZONE = /(?:\b(?:GMT|UTC)|\dZ|[+-]\d{2}:?\d{2})\s*$/i;

const ISO_DATE_START = /^[+-]?\d{4,6}-/;

/** One scan slot: parsing a string allocates nothing more. */
const scan: TimestampScan = { end: 0, millis: Number.NaN, syslog: false };

/**
 * Epoch milliseconds of a date-time string, or NaN. Every layout core's leading-timestamp scanner reads with a
 * full date counts (ISO-8601 with `T` or a space, `yyyy/MM/dd`, ctime …), and must fill the whole string; a
 * time without a zone is UTC, so the answer never depends on the machine's time zone. Other strings go to
 * `Date.parse` only when they name their zone (RFC 2822 `Tue, 12 Mar 2024 09:00:00 GMT`), because
 * `Date.parse` reads a zone-less one as local time.
 */
export function parseTimestampText(text: string): number {
  const trimmed = text.trim();
  if (scanLeadingTimestamp(trimmed, 0, scan) && scan.end === trimmed.length && !Number.isNaN(scan.millis)) {
    return Math.abs(scan.millis) <= MAX_EPOCH_MILLIS ? scan.millis : Number.NaN;
  }
  // An ISO-looking string the scanner refused is wrong (`2024-02-30`): Date.parse would roll it over.
  if (ISO_DATE_START.test(trimmed) || !EXPLICIT_ZONE.test(trimmed)) return Number.NaN;
  const millis = Date.parse(trimmed);
  return Number.isFinite(millis) ? millis : Number.NaN;
}

/**
 * Accepts epoch seconds, milliseconds, microseconds or nanoseconds (told apart by magnitude), or a date-time
 * string (zone-less means UTC); yields epoch milliseconds within the range of a `Date`.
 */
export const timestampSchema = z.union([z.number(), z.string().min(1)]).transform((value, ctx) => {
  const millis = typeof value === 'number' ? epochMillisFromNumber(value) : parseTimestampText(value);
  if (Number.isNaN(millis)) {
    ctx.addIssue({
      code: 'custom',
      message:
        typeof value === 'number'
          ? `not an epoch time a date can hold (seconds, ms, µs or ns since 1970): ${JSON.stringify(value)}`
          : `not an ISO-8601 timestamp or epoch time: ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return millis;
});
