/**
 * A new template's lines read two ways, so that a burst inside its first half hour does not count as a lasting
 * change. A rare template first met after learning, say one line in ten minutes, that then bursts for a minute
 * used to be scored on all its lines (the burst's size) and on every minute with a line (the strays' duration),
 * which together looked like a sustained new error and got pinned on whatever deploy came before its first stray.
 */
import { excessSurprise } from './poisson';

/** Buckets a burst is allowed: a 30–90 s burst fills one or two. */
export const BURST_BUCKETS = 2;
/** A busiest bucket is a burst when it is this many times the template's other buckets' rate… */
const BURST_RATIO = 4;
/** …and that many lines are this unlikely (nats) at that rate: a canary's odd busier minute is not a burst. */
const BURST_SURPRISE = 3;
/** Rate assumed for the other buckets when they are empty, lines per bucket. */
const FLOOR_RATE = 0.05;

/**
 * Lines of a new template with each of its `BURST_BUCKETS` busiest buckets that is a burst against the rest (far
 * above their rate) cut down to the next busiest: what it printed steadily. A crash loop, a canary or a ramp keeps
 * nearly all its lines; a stray line plus a one-minute burst keeps a few. Undefined when it has no more buckets
 * than a burst fills (too young to tell).
 */
export function steadyLines(counts: readonly number[]): number | undefined {
  if (counts.length <= BURST_BUCKETS) return undefined;
  const sorted = [...counts].sort((a, b) => b - a);
  const rest = sorted.slice(BURST_BUCKETS);
  const restTotal = rest.reduce((sum, count) => sum + count, 0);
  const restRate = Math.max(restTotal / rest.length, FLOOR_RATE);
  const cap = rest[0] ?? 0;
  let total = restTotal;
  for (const count of sorted.slice(0, BURST_BUCKETS)) {
    const burst = count >= BURST_RATIO * restRate && excessSurprise(count, restRate) >= BURST_SURPRISE;
    total += burst ? Math.min(count, cap) : count;
  }
  return total;
}
