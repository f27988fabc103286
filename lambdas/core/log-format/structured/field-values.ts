/**
 * Reading one field's value as the role it plays. Typeof checks only: this runs per record on the mining path, so
 * zod stays at the edges for the records these readers refuse.
 */
import { normaliseLevel } from '../../log-line/level';
import type { LogLevel } from '../../log-line/types';
import { epochMillisFromNumber, parseTimestampText } from '../../schemas/timestamp';

/** Epoch numbers are believed as times only between 2000-01-01 and 2100-01-01 (in ms) when a shape is learnt. */
const PLAUSIBLE_FROM = 946_684_800_000;
const PLAUSIBLE_TO = 4_102_444_800_000;

const DIGITS_ONLY = /^\d+(?:\.\d+)?$/;

/** Epoch milliseconds of a time field (epoch s/ms/µs/ns, a numeric string, or a date-time string), else NaN. */
export function timeOf(value: unknown): number {
  if (typeof value === 'number') return epochMillisFromNumber(value);
  if (typeof value !== 'string' || value.length === 0) return Number.NaN;
  const text = value.trim();
  return DIGITS_ONLY.test(text) ? epochMillisFromNumber(Number(text)) : parseTimestampText(text);
}

/** True when the value reads as a time a log of this century was written at: the evidence a field is the time. */
export function looksLikeTime(value: unknown): boolean {
  const millis = timeOf(value);
  return millis >= PLAUSIBLE_FROM && millis < PLAUSIBLE_TO;
}

/** The severity a level field names: a name in any spelling or case, or a pino/bunyan number (10..60). */
export function levelOf(value: unknown): LogLevel | undefined {
  return normaliseLevel(value);
}

/** A message field as text: strings as they are, objects as JSON, numbers and booleans as written. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return undefined; // pathologically deep nesting: no message from this field
  }
}

/** A name field (service, logger): a non-empty string. */
export function nameOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
