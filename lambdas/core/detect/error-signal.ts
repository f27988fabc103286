/**
 * What makes a line or a template an error: an error level on a line, or error words in the template text.
 * Each runs once per template or per level string, never per line.
 */

/** What a level says about a line: an error, a warning (its words decide), or a routine line. */
export type LevelClass = 'error' | 'warn' | 'quiet';

const LEVEL_CLASSES: ReadonlyMap<string, LevelClass> = new Map<string, LevelClass>([
  ...['ERROR', 'ERR', 'FATAL', 'CRITICAL', 'CRIT', 'SEVERE', 'ALERT', 'EMERG', 'EMERGENCY', 'PANIC', 'E', 'F'].map(
    (l) => [l, 'error'] as const,
  ),
  ...['WARN', 'WARNING', 'W'].map((l) => [l, 'warn'] as const),
  ...[
    'INFO',
    'INFORMATION',
    'NOTICE',
    'DEBUG',
    'TRACE',
    'FINE',
    'FINER',
    'FINEST',
    'VERBOSE',
    'CONFIG',
    'I',
    'D',
    'V',
    'T',
  ].map((l) => [l, 'quiet'] as const),
]);

// Levels are few distinct strings; remembering each answer keeps upper-casing off the per-line path.
const levelCache = new Map<string, LevelClass | undefined>();
const LEVEL_CACHE_LIMIT = 256;

/** The class of a level name, whatever its case; undefined for an unknown level. */
export function levelClass(level: string): LevelClass | undefined {
  if (levelCache.has(level)) return levelCache.get(level);
  const known = LEVEL_CLASSES.get(level.toUpperCase());
  if (levelCache.size < LEVEL_CACHE_LIMIT) levelCache.set(level, known);
  return known;
}

/** True for error-and-worse levels, whatever their case. */
export function isErrorLevel(level: string | undefined): boolean {
  return level !== undefined && levelClass(level) === 'error';
}

// Word stems, matched at a word start so "failover" and "errors" count but "terror" does not.
const ERROR_WORDS =
  /\b(error|err|exception|fail|failed|failure|failing|fatal|refused|refusing|timeout|timed out|time out|denied|unreachable|unavailable|panic|abort|aborted|crash|crashed|corrupt|corrupted|killed|broken|cannot|can't|unable|invalid|rejected|overflow|oom|out of memory|severe|critical|traceback|stack ?trace|segfault|segmentation fault|no route to host|reset by peer|not found)/i;

/**
 * Error words inside identifiers: a capitalised error word glued to a lower-case letter and ending a word or
 * followed by the next capitalised part (`sendSyncFailedBroadcast`, `DataIntegrityViolationException`).
 */
const IDENTIFIER_ERROR_WORDS =
  /[A-Za-z](?:Error|Exception|Fail|Failed|Failure|Fault|Timeout|Refused|Denied|Crash|Crashed)(?![a-z])/;

/** True when the template text says something went wrong. */
export function hasErrorWords(template: string): boolean {
  return ERROR_WORDS.test(template) || IDENTIFIER_ERROR_WORDS.test(template);
}

/**
 * Error signals masking hides from a template, read on a raw line: an error field in a JSON body
 * (`"error":` with a value, `"level":"error"`), a 5xx status (`status=503`, `"status":500`, an access log's
 * `" 502 `), besides the words themselves.
 */
const RAW_ERROR_SIGNALS: readonly RegExp[] = [
  /"(?:error|err|exception|fault)"\s*:\s*(?!null\b|false\b|""|\[\]|\{\})/i,
  /"(?:level|severity|levelname)"\s*:\s*"(?:error|err|fatal|critical|crit|alert|emerg|severe)"/i,
  /\b(?:status|status_?code|http_?status|code)["']?\s*[=:]\s*["']?5\d\d\b/i,
  /" 5\d\d /,
];

/**
 * True when a raw line says something went wrong in what its template may mask: an error word inside an
 * identifier, a JSON error field, a 5xx status. Plain error words are left to the template: on a raw line they
 * may sit in a header (`switch_module error`) that says nothing about the message.
 */
export function hasErrorSignal(line: string): boolean {
  return IDENTIFIER_ERROR_WORDS.test(line) || RAW_ERROR_SIGNALS.some((signal) => signal.test(line));
}
