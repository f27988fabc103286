import type { Anomaly } from '../detect';
import type { IncidentGroup } from '../incidents';

/** What the ranker needs to know about an incident, computed once for all its candidates. */
export interface IncidentView {
  readonly incident: IncidentGroup;
  /** Sum of anomaly scores: the incident's total weight. */
  readonly totalWeight: number;
  /** Strongest anomaly score. */
  readonly strength: number;
  /** First-seen time of the earliest significant anomaly (the real onset, past weak noise). */
  readonly significantOnset: number;
  /** Service(s) whose significant anomalies come first (within the grace). */
  readonly originServices: readonly string[];
  /** Each service's anomalies, by first-seen time. */
  readonly byService: ReadonlyMap<string, readonly Anomaly[]>;
}

export function viewIncident(incident: IncidentGroup, significantScore: number, graceMs: number): IncidentView {
  const byService = new Map<string, Anomaly[]>();
  let totalWeight = 0;
  let strength = 0;
  for (const a of incident.anomalies) {
    totalWeight += a.score;
    strength = Math.max(strength, a.score);
    const list = byService.get(a.service) ?? [];
    list.push(a);
    byService.set(a.service, list);
  }
  for (const list of byService.values()) list.sort((a, b) => a.firstSeen - b.firstSeen);
  const threshold = Math.min(significantScore, strength);
  const significant = incident.anomalies.filter((a) => a.score >= threshold);
  const significantOnset = Math.min(...significant.map((a) => a.firstSeen));
  const originServices = [
    ...new Set(significant.filter((a) => a.firstSeen <= significantOnset + graceMs).map((a) => a.service)),
  ];
  return { incident, totalWeight, strength, significantOnset, originServices, byService };
}
