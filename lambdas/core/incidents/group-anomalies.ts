import type { Anomaly } from '../detect';
import { INCIDENT_DEFAULTS, type IncidentOptions } from './options';
import type { IncidentGroup, Severity } from './types';

/**
 * Groups anomalies into incidents: strong anomalies chained by first-seen time (each within `gapMs` of the
 * previous one) make an incident; weak ones join the incident whose span they fall in. The onset is the
 * earliest member.
 */
export function groupAnomalies(anomalies: readonly Anomaly[], options?: Partial<IncidentOptions>): IncidentGroup[] {
  const o = { ...INCIDENT_DEFAULTS, ...options };
  const sorted = [...anomalies].sort((a, b) => a.firstSeen - b.firstSeen || (a.id < b.id ? -1 : 1));
  const seeds = seedIds(sorted, o);
  const clusters: Anomaly[][] = [];
  let current: Anomaly[] | undefined;
  let lastSeed = -Infinity;
  for (const a of sorted) {
    if (!seeds.has(a.id)) continue;
    if (current === undefined || a.firstSeen - lastSeed > o.gapMs) {
      current = [];
      clusters.push(current);
    }
    current.push(a);
    lastSeed = a.firstSeen;
  }
  // Spans are fixed by the strong members before any weak one joins, so weak ones never chain.
  const spans = clusters.map((c) => ({
    from: (c[0]?.firstSeen ?? 0) - o.attachBeforeMs,
    to: (c[c.length - 1]?.firstSeen ?? 0) + o.gapMs,
  }));
  for (const a of sorted) {
    if (seeds.has(a.id) || a.score < o.minScore) continue;
    const home = spans.findIndex((span) => a.firstSeen >= span.from && a.firstSeen <= span.to);
    if (home !== -1) clusters[home]?.push(a);
  }
  return clusters.map((members) => toIncident(members, seeds));
}

/**
 * Anomalies strong enough to start or extend an incident: each one at `minSeedScore`, and anomalies of one service
 * that start within `attachBeforeMs` of each other, each at least half that strong (new non-error templates aside),
 * whose noisy-or reaches it.
 * Two new error templates of one service a few seconds apart are stronger evidence together than either alone;
 * early on, before either has its own weight, they are what there is.
 */
function seedIds(sorted: readonly Anomaly[], o: IncidentOptions): Set<string> {
  const seeds = new Set(sorted.filter((a) => a.score >= o.minSeedScore).map((a) => a.id));
  // New non-error templates never add up to a fault: a release adds several info lines at once (a behaviour
  // change has its own path, see markBehaviourChanges).
  const partial = sorted.filter(
    (a) => a.score < o.minSeedScore && a.score >= o.minSeedScore / 2 && (a.kind !== 'new' || a.error),
  );
  for (const a of partial) {
    let missing = 1;
    for (const b of partial)
      if (b.service === a.service && Math.abs(b.firstSeen - a.firstSeen) <= o.attachBeforeMs) missing *= 1 - b.score;
    if (1 - missing >= o.minSeedScore) seeds.add(a.id);
  }
  return seeds;
}

/** An incident whose strong anomalies have all been visible this many buckets is firm, no longer provisional. */
const PROVISIONAL_BUCKETS = 5;

function toIncident(members: Anomaly[], seeds: ReadonlySet<string>): IncidentGroup {
  const byTime = [...members].sort((a, b) => a.firstSeen - b.firstSeen);
  const start = byTime[0]?.firstSeen ?? 0;
  const end = Math.max(...members.map((a) => a.lastSeen), start);
  const services: string[] = [];
  for (const a of byTime) if (!services.includes(a.service)) services.push(a.service);
  const score = 1 - members.reduce((p, a) => p * (1 - a.score), 1);
  // Only new non-error templates (a large one made the incident, see markBehaviourChanges): nothing broke.
  // Judged on the anomalies strong enough to make an incident: a weak error line riding along is not the story.
  const strong = members.filter((a) => seeds.has(a.id));
  const behaviourOnly = (strong.length > 0 ? strong : members).every((a) => a.kind === 'new' && !a.error);
  return {
    id: `inc-${new Date(start).toISOString()}`,
    start,
    end,
    services,
    anomalies: [...members].sort((a, b) => b.score - a.score || a.firstSeen - b.firstSeen),
    score: Math.round(score * 1000) / 1000,
    severity: behaviourOnly ? 'low' : severityOf(score),
    nature: behaviourOnly ? 'behaviour-change' : 'fault',
    provisional: members.some((a) => a.active && seeds.has(a.id) && a.buckets < PROVISIONAL_BUCKETS),
  };
}

function severityOf(score: number): Severity {
  if (score >= 0.8) return 'high';
  if (score >= 0.45) return 'medium';
  return 'low';
}
