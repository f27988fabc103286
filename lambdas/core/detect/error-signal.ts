/**
 * What makes a line or a template an error. The level from the line header wins; without one, words in the
 * template text decide. Both run once per template (or per level string), never per line.
 */

const ERROR_LEVELS = new Set(['ERROR', 'ERR', 'FATAL', 'CRITICAL', 'CRIT', 'SEVERE', 'ALERT', 'EMERG', 'EMERGENCY', 'PANIC', 'E', 'F']);

// Levels are few distinct strings; remembering each answer keeps upper-casing off the per-line path.
const levelCache = new Map<string, boolean>();
const LEVEL_CACHE_LIMIT = 256;

/** True for error-and-worse levels, whatever their case. */
export function isErrorLevel(level: string | undefined): boolean {
  if (level === undefined) return false;
  let known = levelCache.get(level);
  if (known === undefined) {
    known = ERROR_LEVELS.has(level.toUpperCase());
    if (levelCache.size < LEVEL_CACHE_LIMIT) levelCache.set(level, known);
  }
  return known;
}

// Word stems, matched at a word start so "failover" and "errors" count but "terror" does not.
const ERROR_WORDS =
  /\b(error|err|exception|fail|failed|failure|failing|fatal|refused|refusing|timeout|timed out|time out|denied|unreachable|unavailable|panic|abort|aborted|crash|crashed|corrupt|corrupted|killed|broken|cannot|can't|unable|invalid|rejected|overflow|oom|out of memory|severe|critical|traceback|stack ?trace|segfault|segmentation fault|no route to host|reset by peer|not found)/i;

/** True when the template text says something went wrong. */
export function hasErrorWords(template: string): boolean {
  return ERROR_WORDS.test(template);
}
