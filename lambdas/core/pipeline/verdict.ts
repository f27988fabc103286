import type { Anomaly, Suspect } from '../analysis';
import type { IncidentGroup, IncidentNature, Severity } from '../incidents';
import type { Ranking } from '../rank';

/** EventBridge source and detail-type of the event rank publishes when an incident's verdict changes. */
export const VERDICT_EVENT = { source: 'culprit', detailType: 'Culprit Verdict' } as const;

/** Most anomalies kept with a stored verdict (strongest first); an item must stay under 400 KB. @default 100 */
export const MAX_VERDICT_ANOMALIES = 100;
/** Suspects and anomalies named in the verdict event (EventBridge entries hold 256 KB). @default 5 */
export const MAX_EVENT_ITEMS = 5;

/** An anomaly as a verdict shows it. */
export type VerdictAnomaly = Pick<
  Anomaly,
  | 'id'
  | 'service'
  | 'kind'
  | 'templateId'
  | 'error'
  | 'firstSeen'
  | 'lastSeen'
  | 'active'
  | 'observed'
  | 'expected'
  | 'score'
> &
  Partial<Pick<Anomaly, 'countBefore' | 'countAfter'>> & { readonly template: string };

/** The stored outcome of ranking one incident. */
export interface Verdict {
  readonly incidentId: string;
  readonly start: number;
  readonly end: number;
  readonly services: string[];
  readonly severity: Severity;
  /** What the anomalies say happened: a fault, or only a change of behaviour (ranked, never blamed). */
  readonly nature: IncidentNature;
  /** Early evidence (a strong anomaly is still young): the verdict may change; false once it is firm. */
  readonly provisional: boolean;
  readonly score: number;
  readonly anomalyCount: number;
  /** Strongest first, at most {@link MAX_VERDICT_ANOMALIES}. */
  readonly anomalies: VerdictAnomaly[];
  /** Best first, as `rankSuspects` returned them. */
  readonly suspects: Suspect[];
  readonly unexplained: number;
  readonly unexplainedEvidence: string[];
  /** The blamed deploy's id, or null when no deploy reaches the blame confidence. */
  readonly blamed: string | null;
}

const TEMPLATE_CHARS = 300;

export function buildVerdict(group: IncidentGroup, ranking: Ranking): Verdict {
  return {
    incidentId: group.id,
    start: group.start,
    end: group.end,
    services: group.services,
    severity: group.severity,
    nature: group.nature,
    provisional: group.provisional,
    score: group.score,
    anomalyCount: group.anomalies.length,
    anomalies: group.anomalies.slice(0, MAX_VERDICT_ANOMALIES).map((a) => ({
      id: a.id,
      service: a.service,
      kind: a.kind,
      templateId: a.templateId,
      template: a.template.length > TEMPLATE_CHARS ? `${a.template.slice(0, TEMPLATE_CHARS - 1)}…` : a.template,
      error: a.error,
      firstSeen: a.firstSeen,
      lastSeen: a.lastSeen,
      active: a.active,
      observed: a.observed,
      expected: a.expected,
      countBefore: a.countBefore,
      countAfter: a.countAfter,
      score: a.score,
    })),
    suspects: ranking.suspects,
    unexplained: ranking.unexplained,
    unexplainedEvidence: ranking.unexplainedEvidence,
    blamed: ranking.suspects.find((s) => s.blamed)?.deployId ?? null,
  };
}

/**
 * What counts as the verdict changing, and so earns an event: who is blamed, the order of the suspects, whether
 * "no deploy" is the likelier answer, the incident's nature, and an early verdict becoming firm. Confidences and
 * anomaly counts moving a little as an incident goes on are stored but not announced.
 */
export function verdictKey(verdict: Verdict): string {
  return JSON.stringify([
    verdict.blamed,
    verdict.suspects.map((s) => s.deployId),
    verdict.unexplained >= 0.5,
    verdict.nature,
    verdict.provisional,
  ]);
}

/** The `Culprit Verdict` event detail: the verdict without its long lists. */
export function verdictEventDetail(verdict: Verdict, supersedes: readonly string[]): Record<string, unknown> {
  const blamed = verdict.suspects.find((s) => s.deployId === verdict.blamed);
  return {
    incidentId: verdict.incidentId,
    supersedes,
    start: new Date(verdict.start).toISOString(),
    end: new Date(verdict.end).toISOString(),
    services: verdict.services,
    severity: verdict.severity,
    nature: verdict.nature,
    provisional: verdict.provisional,
    score: verdict.score,
    blamed:
      blamed === undefined
        ? null
        : {
            deployId: blamed.deployId,
            service: blamed.service,
            version: blamed.version,
            commit: blamed.commit,
            author: blamed.author,
            url: blamed.url,
            confidence: blamed.confidence,
            evidence: blamed.evidence,
          },
    suspects: verdict.suspects
      .slice(0, MAX_EVENT_ITEMS)
      .map((s) => ({ deployId: s.deployId, service: s.service, confidence: s.confidence, blamed: s.blamed })),
    unexplained: verdict.unexplained,
    unexplainedEvidence: verdict.unexplainedEvidence,
    anomalyCount: verdict.anomalyCount,
    anomalies: verdict.anomalies.slice(0, MAX_EVENT_ITEMS).map((a) => ({
      service: a.service,
      kind: a.kind,
      template: a.template,
      score: a.score,
      firstSeen: new Date(a.firstSeen).toISOString(),
    })),
  };
}
