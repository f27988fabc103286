import { type TimestampScan, scanLeadingTimestamp } from './leading-timestamp';
import { normaliseLevel } from './level';
import type { LogLevel, ParsedLogLine } from './types';

/**
 * Structured (JSON) log lines. No zod here on purpose: this runs per line on the mining hot path and the shape is
 * open-ended; each known key is narrowed with typeof checks and everything else is ignored.
 */

/** Keys probed in order; the first usable one wins. */
const MESSAGE_KEYS = ['message', 'msg', 'log'] as const;
const LEVEL_KEYS = ['level', 'severity', 'levelname', 'log.level'] as const;
const TIME_KEYS = ['timestamp', 'time', '@timestamp', 'ts'] as const;
const COMPONENT_KEYS = ['logger', 'logger_name', 'loggerName', 'component', 'name', 'service'] as const;

/** Numeric timestamps are believed only between 2000-01-01 and 2100-01-01 (in ms). */
const MIN_MILLIS = 946_684_800_000;
const MAX_MILLIS = 4_102_444_800_000;

type JsonRecord = Readonly<Record<string, unknown>>;

/** A numeric epoch in s, ms, µs or ns (told apart by magnitude), as ms. */
function millisFromNumber(value: number): number | undefined {
  const abs = Math.abs(value);
  const millis = abs < 1e11 ? value * 1000 : abs < 1e14 ? value : abs < 1e17 ? value / 1e3 : value / 1e6;
  return millis >= MIN_MILLIS && millis < MAX_MILLIS ? Math.floor(millis) : undefined;
}

function millisFromValue(value: unknown, scan: TimestampScan): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? millisFromNumber(value) : undefined;
  if (typeof value !== 'string' || value.length === 0) return undefined;
  const trimmed = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return millisFromNumber(Number(trimmed));
  if (!scanLeadingTimestamp(trimmed, 0, scan) || scan.end !== trimmed.length || Number.isNaN(scan.millis)) {
    return undefined;
  }
  return scan.millis;
}

function firstString(record: JsonRecord, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

/** The `log` key is a message when it is text (Docker, Fluent Bit) and ECS metadata (`log.level`) when an object. */
function nestedLogLevel(record: JsonRecord): unknown {
  const log = record.log;
  return typeof log === 'object' && log !== null ? (log as JsonRecord).level : undefined;
}

function levelOf(record: JsonRecord): LogLevel | undefined {
  for (const key of LEVEL_KEYS) {
    const level = normaliseLevel(record[key]);
    if (level !== undefined) return level;
  }
  return normaliseLevel(nestedLogLevel(record));
}

/** An object message as JSON text; undefined if it cannot be written back (pathologically deep nesting). */
function stringifyOrUndefined(value: object): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function messageOf(record: JsonRecord): { readonly text: string; readonly key: string } | undefined {
  for (const key of MESSAGE_KEYS) {
    const value = record[key];
    if (typeof value === 'string') return { text: value, key };
    if (key !== 'log' && value !== undefined && value !== null) {
      const text = typeof value === 'object' ? stringifyOrUndefined(value) : String(value);
      return text === undefined ? undefined : { text, key }; // undefined: the whole line becomes the message
    }
  }
  return undefined;
}

function asRecord(text: string): JsonRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // not JSON after all: the caller parses it as text
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/**
 * Parses a line that looks like a JSON object. Returns undefined when it is not one (the caller then treats it as
 * text). The message is `message`/`msg`/`log` (a `log` string is parsed once more as a text line, since Docker and
 * Fluent Bit wrap whole text lines in it); without any, the whole trimmed line is the message.
 */
export function parseJsonLine(
  trimmed: string,
  scan: TimestampScan,
  parseInner: (text: string) => ParsedLogLine,
): ParsedLogLine | undefined {
  const record = asRecord(trimmed);
  if (record === undefined) return undefined;
  const found = messageOf(record);
  const inner = found?.key === 'log' ? parseInner(found.text) : undefined;
  const level = levelOf(record) ?? inner?.level;
  let millis: number | undefined;
  for (const key of TIME_KEYS) {
    millis = millisFromValue(record[key], scan);
    if (millis !== undefined) break;
  }
  millis ??= inner?.timestamp;
  const component = firstString(record, COMPONENT_KEYS) ?? inner?.component;
  const result: { -readonly [K in keyof ParsedLogLine]: ParsedLogLine[K] } = {
    message: inner?.message ?? (found === undefined ? trimmed : found.text.trim()),
    format: 'json',
  };
  if (level !== undefined) result.level = level;
  if (millis !== undefined) result.timestamp = millis;
  if (component !== undefined) result.component = component;
  return result;
}
