/**
 * A new template's lines read two ways, so that a burst inside its first half hour does not count as a lasting
 * change. A rare template first met after learning, say one line in ten minutes, that then bursts for a minute
 * used to be scored on all its lines (the burst's size) and on every minute with a line (the strays' duration),
 * which together looked like a sustained new error and got pinned on whatever deploy came before its first stray.
 */

/** Buckets a burst is allowed: a 30–90 s burst fills one or two. */
export const BURST_BUCKETS = 2;

/**
 * Lines of a new template with its `BURST_BUCKETS` busiest buckets cut down to the next busiest: what it printed
 * steadily. A crash loop or a canary keeps nearly all its lines; a stray line plus a one-minute burst keeps a few.
 * Undefined when it has no more buckets than a burst fills (too young to tell).
 */
export function steadyLines(counts: readonly number[]): number | undefined {
  if (counts.length <= BURST_BUCKETS) return undefined;
  const sorted = [...counts].sort((a, b) => b - a);
  const cap = sorted[BURST_BUCKETS] ?? 0;
  let total = 0;
  for (let i = 0; i < sorted.length; i++) total += i < BURST_BUCKETS ? Math.min(sorted[i] ?? 0, cap) : (sorted[i] ?? 0);
  return total;
}
