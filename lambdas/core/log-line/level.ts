import type { LogLevel } from './types';

/**
 * Every spelling of a severity that Culprit recognises, upper-cased. Java util logging (FINE...), syslog (NOTICE,
 * CRIT, EMERG), Apache 2.4 (trace1..8), Go/zap (PANIC, DPANIC) and Python (CRITICAL) names included. SEVERE maps to
 * FATAL as the highest Java level.
 */
const LEVEL_NAMES: ReadonlyMap<string, LogLevel> = new Map<string, LogLevel>([
  ['TRACE', 'TRACE'],
  ['TRC', 'TRACE'],
  ['FINEST', 'TRACE'],
  ['FINER', 'TRACE'],
  ['VERBOSE', 'TRACE'],
  ['TRACE1', 'TRACE'],
  ['TRACE2', 'TRACE'],
  ['TRACE3', 'TRACE'],
  ['TRACE4', 'TRACE'],
  ['TRACE5', 'TRACE'],
  ['TRACE6', 'TRACE'],
  ['TRACE7', 'TRACE'],
  ['TRACE8', 'TRACE'],
  ['DEBUG', 'DEBUG'],
  ['DBG', 'DEBUG'],
  ['FINE', 'DEBUG'],
  ['INFO', 'INFO'],
  ['INF', 'INFO'],
  ['INFORMATION', 'INFO'],
  ['INFORMATIONAL', 'INFO'],
  ['NOTICE', 'INFO'],
  ['WARN', 'WARN'],
  ['WARNING', 'WARN'],
  ['WRN', 'WARN'],
  ['ERROR', 'ERROR'],
  ['ERR', 'ERROR'],
  ['FAILURE', 'ERROR'],
  ['FATAL', 'FATAL'],
  ['CRITICAL', 'FATAL'],
  ['CRIT', 'FATAL'],
  ['SEVERE', 'FATAL'],
  ['PANIC', 'FATAL'],
  ['DPANIC', 'FATAL'],
  ['ALERT', 'FATAL'],
  ['EMERG', 'FATAL'],
  ['EMERGENCY', 'FATAL'],
]);

/** Single-letter severities (glog, `[E]`); only accepted where the position makes them unambiguous. */
const LETTER_LEVELS: Readonly<Record<string, LogLevel>> = {
  T: 'TRACE',
  V: 'TRACE',
  D: 'DEBUG',
  I: 'INFO',
  W: 'WARN',
  E: 'ERROR',
  F: 'FATAL',
};

const MIN_NAME = 3;
const MAX_NAME = 13;

/** True for the first letters of the names above (either case): rejects most words before hashing them. */
function mayStartLevel(code: number): boolean {
  switch (code | 0x20) {
    case 0x61:
    case 0x63:
    case 0x64:
    case 0x65:
    case 0x66:
    case 0x69: // a c d e f i
    case 0x6e:
    case 0x70:
    case 0x73:
    case 0x74:
    case 0x76:
    case 0x77: // n p s t v w
      return true;
    default:
      return false;
  }
}

interface LevelName {
  readonly upper: string;
  readonly level: LogLevel;
}

/**
 * Case-folded hash of `text[start, end)` (letters and digits only; -1 for anything else). Lets {@link levelAt} look a
 * word up without slicing or upper-casing it: it runs on most header words of every line.
 */
function foldedHash(text: string, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 0x20;
    if (!((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57))) return -1;
    hash = (Math.imul(hash, 31) + lower) | 0;
  }
  return hash;
}

const BY_HASH: ReadonlyMap<number, readonly LevelName[]> = (() => {
  const table = new Map<number, LevelName[]>();
  for (const [upper, level] of LEVEL_NAMES) {
    const hash = foldedHash(upper, 0, upper.length);
    const bucket = table.get(hash) ?? [];
    bucket.push({ upper, level });
    table.set(hash, bucket);
  }
  return table;
})();

function matches(text: string, start: number, upper: string, upperOnly: boolean): boolean {
  for (let k = 0; k < upper.length; k++) {
    const c = text.charCodeAt(start + k);
    const expected = upper.charCodeAt(k);
    if (c !== expected && (upperOnly || (c | 0x20) !== (expected | 0x20))) return false;
  }
  return true;
}

/**
 * The level named by `text[start, end)`, matched case-insensitively, or undefined. With `upperOnly`, only an
 * all-upper-case spelling counts (used where no other header field vouches for the position).
 */
export function levelAt(text: string, start: number, end: number, upperOnly: boolean): LogLevel | undefined {
  const length = end - start;
  if (length === 1) return upperOnly ? undefined : letterLevelAt(text, start);
  if (length < MIN_NAME || length > MAX_NAME || !mayStartLevel(text.charCodeAt(start))) return undefined;
  const bucket = BY_HASH.get(foldedHash(text, start, end));
  if (bucket === undefined) return undefined;
  for (const name of bucket) {
    if (name.upper.length === length && matches(text, start, name.upper, upperOnly)) return name.level;
  }
  return undefined;
}

/** The level of a single upper-case letter (`E`, `W`...), or undefined. */
export function letterLevelAt(text: string, index: number): LogLevel | undefined {
  return LETTER_LEVELS[text.charAt(index)];
}

/** Normalises a level given as a value (JSON field): a name in any case, or a pino/bunyan number (10..60). */
export function normaliseLevel(value: unknown): LogLevel | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.length === 1) return LETTER_LEVELS[trimmed.toUpperCase()];
    return LEVEL_NAMES.get(trimmed.toUpperCase());
  }
  if (typeof value === 'number' && Number.isFinite(value)) return levelFromNumber(value);
  return undefined;
}

/** pino and bunyan: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
function levelFromNumber(value: number): LogLevel | undefined {
  if (value >= 60) return 'FATAL';
  if (value >= 50) return 'ERROR';
  if (value >= 40) return 'WARN';
  if (value >= 30) return 'INFO';
  if (value >= 20) return 'DEBUG';
  if (value >= 10) return 'TRACE';
  return undefined;
}
