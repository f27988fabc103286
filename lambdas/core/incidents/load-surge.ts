import { type Anomaly, excessSurprise } from '../detect';
import type { LogChange, LogHistorySource } from './log-change-types';

/** Window before a rise that gives the service's usual traffic. */
const BEFORE_MS = 15 * 60_000;
/** The rest of the service must run at least this many times its usual rate to be a surge. */
const MIN_LOAD_FACTOR = 1.5;
/** Nats above what the load predicts at which a template's rise is its own, not the load's. */
const OWN_RISE_SURPRISE = 9;
/** Lines per bucket assumed for a template with none in the window before. */
const RARE_RATE = 0.05;

function sum(mix: ReadonlyMap<string, number>, except: string): number {
  let total = 0;
  for (const [id, count] of mix) if (id !== except) total += count;
  return total;
}

/**
 * Spikes and error surges that the service's load explains: when the rest of its templates run at F times their
 * usual rate over the same span, a template rising about F times is traffic, not a fault. Measured on the
 * service's own history; a template that rose well beyond the load stays an anomaly.
 */
export function explainLoad(
  anomalies: readonly Anomaly[],
  source: LogHistorySource,
  bucketMs: number,
): { anomalies: Anomaly[]; changes: LogChange[] } {
  const horizon = source.watermark();
  if (horizon === undefined) return { anomalies: [...anomalies], changes: [] };
  const removed = new Set<string>();
  const byService = new Map<string, { at: number; factor: number; templates: string[] }>();
  for (const a of anomalies) {
    if (a.kind !== 'spike' && a.kind !== 'error-surge') continue;
    const start = Math.floor(a.firstSeen / bucketMs) * bucketMs;
    const end = Math.min(horizon, Math.max(start + bucketMs, Math.ceil(a.lastSeen / bucketMs) * bucketMs));
    if (end <= start) continue;
    const before = source.templateMix(a.service, start - BEFORE_MS, start);
    const after = source.templateMix(a.service, start, end);
    if (before === undefined || after === undefined) continue;
    const beforeBuckets = BEFORE_MS / bucketMs;
    const afterBuckets = (end - start) / bucketMs;
    const othersBefore = sum(before, a.templateId) / beforeBuckets;
    if (othersBefore <= 0) continue;
    const factor = sum(after, a.templateId) / afterBuckets / othersBefore;
    if (factor < MIN_LOAD_FACTOR) continue;
    const own = after.get(a.templateId) ?? 0;
    // A rare template's usual rate is floored like the detector's baseline (1 line in 20 minutes).
    const usual = Math.max((before.get(a.templateId) ?? 0) / beforeBuckets, RARE_RATE);
    if (excessSurprise(own, usual * afterBuckets * factor) >= OWN_RISE_SURPRISE) continue;
    removed.add(a.id);
    const entry = byService.get(a.service);
    if (entry === undefined) byService.set(a.service, { at: a.firstSeen, factor, templates: [a.template] });
    else {
      entry.at = Math.min(entry.at, a.firstSeen);
      entry.factor = Math.max(entry.factor, factor);
      entry.templates.push(a.template);
    }
  }
  const changes: LogChange[] = [...byService].map(([service, entry]) => ({
    kind: 'load',
    service,
    at: entry.at,
    factor: Math.round(entry.factor * 10) / 10,
    templates: entry.templates,
  }));
  return { anomalies: anomalies.filter((a) => !removed.has(a.id)), changes };
}
