import type { Anomaly } from '../detect';
import type { LogHistorySource } from './log-change-types';

/** Share of its service's lines a new non-error template must print to be a change of behaviour. */
const MIN_SHARE = 0.15;
/** ...and at least this many lines over its first ten minutes ({@link LINES_WINDOW_MS}). */
const MIN_LINES = 100;
/**
 * The window `MIN_LINES` is counted over. A template still going on and younger than this is judged on the lines
 * its rate so far promises for the whole window (a provisional verdict): 90 lines in its first two minutes is a
 * change of behaviour already.
 */
const LINES_WINDOW_MS = 10 * 60_000;
/**
 * Score given to such a template: enough to start an incident (`minSeedScore` 0.2), low enough that the incident
 * stays low-severity and its deploy is ranked with modest confidence.
 */
export const BEHAVIOUR_SCORE = 0.3;

/**
 * Marks `new` non-error templates that print a large share of their service's lines since they started: not a
 * fault, but a deploy visibly changed what the service does, which people want to hear about.
 */
export function markBehaviourChanges(
  anomalies: readonly Anomaly[],
  source: LogHistorySource,
  bucketMs: number,
): Anomaly[] {
  const horizon = source.watermark();
  if (horizon === undefined) return [...anomalies];
  return anomalies.map((a) => {
    if (a.kind !== 'new' || a.error || a.score >= BEHAVIOUR_SCORE) return a;
    const start = Math.floor(a.firstSeen / bucketMs) * bucketMs;
    const end = Math.min(horizon, Math.max(start + bucketMs, Math.ceil(a.lastSeen / bucketMs) * bucketMs));
    const mix = end > start ? source.templateMix(a.service, start, end) : undefined;
    if (mix === undefined) return a;
    let total = 0;
    for (const count of mix.values()) total += count;
    const own = mix.get(a.templateId) ?? 0;
    const span = end - start;
    const promised = a.active && span < LINES_WINDOW_MS ? (own * LINES_WINDOW_MS) / span : own;
    if (promised < MIN_LINES || own < MIN_SHARE * total) return a;
    return { ...a, score: BEHAVIOUR_SCORE };
  });
}

/**
 * Whether an anomaly can be in an incident: strong enough on its own, or a new non-error template that
 * {@link markBehaviourChanges} may raise to a behaviour change however weak it started.
 */
export function mayJoinIncident(anomaly: Pick<Anomaly, 'kind' | 'error' | 'score'>, minScore: number): boolean {
  return anomaly.score >= minScore || (anomaly.kind === 'new' && !anomaly.error);
}
