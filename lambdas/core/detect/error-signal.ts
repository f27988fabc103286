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

/** True when the template text says something went wrong. */
export function hasErrorWords(template: string): boolean {
  return ERROR_WORDS.test(template);
}
