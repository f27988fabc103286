import type { SuspectFeatures } from './features';
import type { IncidentView } from './incident-view';
import type { RankOptions } from './options';

/**
 * The scoring model: each candidate deploy gets a log-odds score, a sum of factor contributions, and so does
 * the hypothesis "no deploy caused this". Confidences are the softmax over all of them, so they sum to one
 * and read as probabilities (see docs/ranking.md for why each factor and its weight).
 */
export function deployFactors(f: SuspectFeatures, o: RankOptions): Record<string, number> {
  const w = o.weights;
  const factors: Record<string, number> = {};
  if (f.firstAfter === undefined) {
    factors.silent = w.silent;
  } else {
    factors.lag = -Math.min(o.maxLagPenalty, (f.lagMs ?? 0) / o.lagScaleMs);
    factors.strength = w.strength * f.strength;
    factors.share = w.share * f.share;
    factors.late = w.late * Math.min(1, (f.originDelayMs ?? 0) / o.lateScaleMs);
  }
  if (f.preexisting > 0) factors.preexisting = w.preexisting * f.preexisting;
  if (f.underway > 0) factors.underway = w.underway * f.underway;
  if (f.supersededBy !== undefined) factors.superseded = w.superseded;
  if (f.pointsElsewhere !== undefined) factors.pointsElsewhere = w.pointsElsewhere * f.pointsElsewhere.share;
  if (f.through !== undefined) factors.dependency = w.dependency * (f.through.how === 'named' ? 0.5 : 1);
  if (f.shift !== undefined) factors.mixShift = w.mixShift * clamp01((f.shift.divergence - 0.02) / 0.15);
  return factors;
}

/** Facts behind the "no deploy" hypothesis. */
export interface NullFacts {
  /** No deploy of the service(s) where the incident starts within the lookback. */
  readonly originUndeployed: boolean;
}

export function nullFactors(view: IncidentView, facts: NullFacts, o: RankOptions): Record<string, number> {
  const w = o.weights;
  const factors: Record<string, number> = { base: w.nullBase, weak: w.nullWeak * (1 - view.strength) };
  if (facts.originUndeployed) factors.originUndeployed = w.nullOriginUndeployed;
  return factors;
}

export function total(factors: Readonly<Record<string, number>>): number {
  let s = 0;
  for (const v of Object.values(factors)) s += v;
  return s;
}

/** Softmax of log-odds scores; the last entry is typically the "no deploy" hypothesis. */
export function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
