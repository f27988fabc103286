import type { IncidentGroup } from '../incidents';
import type { Deploy } from '../schemas';
import { explainSuspect, explainUnexplained } from './evidence';
import { measure } from './features';
import { viewIncident } from './incident-view';
import { deployFactors, nullFactors, softmax, total } from './model';
import { resolveRankOptions, type RankOptions, type RankWeights } from './options';
import type { Ranking, Suspect, TemplateMixSource } from './types';

export type RankOptionsInput = Partial<Omit<RankOptions, 'weights'>> & { weights?: Partial<RankWeights> };

/**
 * Candidate deploys of an incident: those in the lookback window before its onset, and later ones whose
 * service's anomalies in the incident start after them.
 */
export function candidateDeploys(incident: IncidentGroup, deploys: readonly Deploy[], o: RankOptions): Deploy[] {
  return deploys.filter((d) => {
    if (d.timestamp < incident.start - o.lookbackMs || d.timestamp > incident.end) return false;
    if (d.timestamp <= incident.start + o.graceMs) return true;
    return incident.anomalies.some((a) => a.service === d.service && a.firstSeen >= d.timestamp - o.graceMs);
  });
}

/** Ranks the deploys that could have caused `incident`, best first, with a confidence and reasons each. */
export function rankSuspects(
  incident: IncidentGroup,
  deploys: readonly Deploy[],
  options?: RankOptionsInput,
  mix?: TemplateMixSource,
): Ranking {
  const o = resolveRankOptions(options);
  const view = viewIncident(incident, o.significantScore, o.graceMs);
  const candidates = candidateDeploys(incident, deploys, o);
  const originUndeployed = view.originServices.every(
    (service) =>
      !deploys.some(
        (d) =>
          d.service === service &&
          d.timestamp >= view.significantOnset - o.lookbackMs &&
          d.timestamp <= view.significantOnset + o.graceMs,
      ),
  );
  const scored = candidates.map((deploy) => {
    const features = measure(deploy, view, deploys, o, mix);
    const factors = deployFactors(features, o);
    return { deploy, features, factors, score: total(factors) };
  });
  // A quiet service deployed and its caller, where the incident starts, names it or depends on it: the origin's
  // failure has a deploy behind it after all.
  const reachedThrough = scored.some(
    (s) => s.features.through !== undefined && view.originServices.includes(s.features.through.caller),
  );
  const nullScore = total(nullFactors(view, { originUndeployed: originUndeployed && !reachedThrough }, o));
  // A behaviour change is worth ranking, never worth naming a deploy for.
  const blamable = incident.nature !== 'behaviour-change';
  const probabilities = softmax([...scored.map((s) => s.score), nullScore]);
  const suspects: Suspect[] = scored.map((s, i) => {
    const confidence = round(probabilities[i] ?? 0);
    const d = s.deploy;
    return {
      deployId: d.id,
      service: d.service,
      timestamp: d.timestamp,
      ...(d.version === undefined ? {} : { version: d.version }),
      ...(d.commit === undefined ? {} : { commit: d.commit }),
      ...(d.author === undefined ? {} : { author: d.author }),
      ...(d.description === undefined ? {} : { description: d.description }),
      ...(d.url === undefined ? {} : { url: d.url }),
      confidence,
      blamed: blamable && confidence >= o.blameThreshold,
      lagMs: s.features.lagMs,
      evidence: explainSuspect(d, s.features, s.factors, view, deploys),
      factors: Object.fromEntries(Object.entries(s.factors).map(([k, v]) => [k, round(v)])),
    };
  });
  suspects.sort((a, b) => b.confidence - a.confidence || b.timestamp - a.timestamp);
  const unexplained = round(probabilities[probabilities.length - 1] ?? 1);
  return {
    suspects,
    unexplained,
    unexplainedEvidence:
      unexplained >= 0.5 ? explainUnexplained(view, originUndeployed && !reachedThrough, candidates.length > 0) : [],
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
