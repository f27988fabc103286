/**
 * Scores an analysis result against a scenario's truth: did the incident get found, was the bad
 * deploy ranked first / in the top three, which deploys were blamed and were they right. Every
 * reported incident is also classified by what really happened around its onset, so a wrong blame
 * can be explained (a transient burst, a harmless change, nothing at all).
 */
import type { AnalysisResult, Incident } from '../../lambdas/core/analysis';
import { MINUTE } from './scenario-builder';
import type { Truth, TruthChange } from './types';

/** How close a reported anomaly (or onset) must be to the truth's start to be "the" incident. */
export const MATCH_WINDOW = { before: 5 * MINUTE, after: 10 * MINUTE } as const;

/**
 * - `incident`: the scenario's incident (or its cascade / aftermath).
 * - `transient`: a transient error burst with no deploy behind it.
 * - `harmless`: the harmless new template of a benign deploy.
 * - `spurious`: nothing in the truth explains it.
 */
export type IncidentClass = 'incident' | 'transient' | 'harmless' | 'spurious';

export interface Blame {
  readonly deployId: string;
  readonly service: string;
  readonly confidence: number;
  readonly incidentStart: number;
  readonly incidentClass: IncidentClass;
  readonly correct: boolean;
}

export interface ScenarioScore {
  readonly seed: string;
  readonly kind: Truth['kind'];
  readonly badDeployId: string | null;
  /** The bad deploy should be blamed, not only ranked (false for a behaviour change). */
  readonly expectBlame: boolean;
  /** The reported incident taken as the truth's, if any. */
  readonly matched: Incident | undefined;
  /** 1-based rank of the bad deploy among the matched incident's suspects, or null. */
  readonly rank: number | null;
  readonly top1: boolean;
  readonly top3: boolean;
  /** The matched incident blames the bad deploy. */
  readonly blamedBad: boolean;
  /** Every blame in every reported incident. */
  readonly blames: readonly Blame[];
  /** Incidents with no deploy behind them (the `no-deploy` incident, transient bursts) that blame a deploy. */
  readonly noDeployIncidents: number;
  readonly noDeployBlamed: number;
  readonly classes: Readonly<Record<IncidentClass, number>>;
  /** Reworded templates of the truth, and how many of them the result reports as a rewording log change. */
  readonly rewordings: { readonly expected: number; readonly reported: number };
}

/** Reworded templates of the truth that the result reports as rewordings in the same service near the same time. */
function reportedRewordings(result: AnalysisResult, truth: Truth): number {
  const changes = (result.logChanges ?? []).filter((change) => change.kind === 'rewording');
  return (truth.rewordings ?? []).filter((rewording) =>
    changes.some((change) => change.service === rewording.service && inMatchWindow(change.at, truth)),
  ).length;
}

function classify(incident: Incident, truth: Truth, matched: Incident | undefined): IncidentClass {
  if (incident === matched) return 'incident';
  const start = incident.start;
  // Specific causes first: a burst or a harmless template in one of its services, right at its onset.
  const near = (change: TruthChange): boolean =>
    start >= change.start - 2 * MINUTE &&
    start <= change.start + 10 * MINUTE &&
    incident.services.includes(change.service);
  if (truth.changes.some((change) => change.change === 'transient-burst' && near(change))) return 'transient';
  if (truth.changes.some((change) => change.change === 'harmless-template' && near(change))) return 'harmless';
  const incidentTo = truth.incidentEnd ?? truth.timeline.end;
  if (start >= truth.incidentStart - MATCH_WINDOW.before && start <= incidentTo + MATCH_WINDOW.after) return 'incident';
  return 'spurious';
}

const inMatchWindow = (time: number, truth: Truth): boolean =>
  time >= truth.incidentStart - MATCH_WINDOW.before && time <= truth.incidentStart + MATCH_WINDOW.after;

/**
 * The reported incident for the truth's. An incident holding an anomaly of the failing service that
 * starts in the match window wins (grouping may have chained earlier noise in front of it); else an
 * incident whose onset is in the window. Among several, the closest to the truth's start.
 */
export function matchIncident(result: AnalysisResult, truth: Truth): Incident | undefined {
  const distance = (incident: Incident): number => {
    const own = incident.anomalies
      .filter((anomaly) => anomaly.service === truth.service && inMatchWindow(anomaly.firstSeen, truth))
      .map((anomaly) => Math.abs(anomaly.firstSeen - truth.incidentStart));
    return own.length > 0 ? Math.min(...own) : Number.POSITIVE_INFINITY;
  };
  const byAnomaly = result.incidents
    .map((incident) => ({ incident, distance: distance(incident) }))
    .filter((candidate) => Number.isFinite(candidate.distance))
    .sort((a, b) => a.distance - b.distance);
  if (byAnomaly[0] !== undefined) return byAnomaly[0].incident;
  return result.incidents
    .filter((incident) => inMatchWindow(incident.start, truth))
    .sort((a, b) => Math.abs(a.start - truth.incidentStart) - Math.abs(b.start - truth.incidentStart))[0];
}

export function scoreScenario(result: AnalysisResult, truth: Truth): ScenarioScore {
  const matched = matchIncident(result, truth);
  const index =
    matched === undefined || truth.badDeployId === null
      ? -1
      : matched.suspects.findIndex((s) => s.deployId === truth.badDeployId);
  const rank = index === -1 ? null : index + 1;
  const classes: Record<IncidentClass, number> = { incident: 0, transient: 0, harmless: 0, spurious: 0 };
  const blames: Blame[] = [];
  let noDeployIncidents = 0;
  let noDeployBlamed = 0;
  for (const incident of result.incidents) {
    const incidentClass = classify(incident, truth, matched);
    classes[incidentClass] += 1;
    const blamed = incident.suspects.filter((suspect) => suspect.blamed);
    const withoutDeploy = incidentClass === 'transient' || (incident === matched && truth.badDeployId === null);
    if (withoutDeploy) {
      noDeployIncidents += 1;
      if (blamed.length > 0) noDeployBlamed += 1;
    }
    for (const suspect of blamed) {
      blames.push({
        deployId: suspect.deployId,
        service: suspect.service,
        confidence: suspect.confidence,
        incidentStart: incident.start,
        incidentClass,
        correct: truth.badDeployId !== null && suspect.deployId === truth.badDeployId && truth.expectBlame !== false,
      });
    }
  }
  return {
    seed: truth.seed,
    kind: truth.kind,
    badDeployId: truth.badDeployId,
    expectBlame: truth.expectBlame !== false,
    matched,
    rank,
    top1: rank === 1,
    top3: rank !== null && rank <= 3,
    blamedBad: matched?.suspects.some((s) => s.blamed && s.deployId === truth.badDeployId) ?? false,
    blames,
    noDeployIncidents,
    noDeployBlamed,
    classes,
    rewordings: {
      expected: truth.rewordings?.length ?? 0,
      reported: Math.min(truth.rewordings?.length ?? 0, reportedRewordings(result, truth)),
    },
  };
}

export interface Summary {
  readonly scenarios: number;
  /** Scenarios with a bad deploy. */
  readonly withDeploy: number;
  readonly found: number;
  readonly ac1: number;
  readonly ac3: number;
  readonly blamePrecision: number;
  readonly blameRecall: number;
  readonly blames: number;
  readonly correctBlames: number;
  readonly noDeployIncidents: number;
  readonly noDeployBlamed: number;
  readonly wrongBlamesByClass: Readonly<Record<IncidentClass, number>>;
  readonly rewordingsExpected: number;
  readonly rewordingsReported: number;
}

const ratio = (part: number, whole: number): number => (whole === 0 ? Number.NaN : part / whole);

export function summarise(scores: readonly ScenarioScore[]): Summary {
  const withDeploy = scores.filter((score) => score.badDeployId !== null);
  const blames = scores.flatMap((score) => score.blames);
  const correct = blames.filter((blame) => blame.correct).length;
  const wrongBlamesByClass: Record<IncidentClass, number> = { incident: 0, transient: 0, harmless: 0, spurious: 0 };
  for (const blame of blames) if (!blame.correct) wrongBlamesByClass[blame.incidentClass] += 1;
  return {
    scenarios: scores.length,
    withDeploy: withDeploy.length,
    found: scores.filter((score) => score.matched !== undefined).length,
    ac1: ratio(withDeploy.filter((score) => score.top1).length, withDeploy.length),
    ac3: ratio(withDeploy.filter((score) => score.top3).length, withDeploy.length),
    blamePrecision: ratio(correct, blames.length),
    blameRecall: ratio(
      withDeploy.filter((score) => score.expectBlame && score.blamedBad).length,
      withDeploy.filter((score) => score.expectBlame).length,
    ),
    blames: blames.length,
    correctBlames: correct,
    noDeployIncidents: scores.reduce((sum, score) => sum + score.noDeployIncidents, 0),
    noDeployBlamed: scores.reduce((sum, score) => sum + score.noDeployBlamed, 0),
    wrongBlamesByClass,
    rewordingsExpected: scores.reduce((sum, score) => sum + score.rewordings.expected, 0),
    rewordingsReported: scores.reduce((sum, score) => sum + score.rewordings.reported, 0),
  };
}
