import type { Anomaly } from '../detect';
import type { Deploy } from '../schemas';
import { type DependencyLink, dependencyLinks, namesService } from './dependency';
import type { IncidentView } from './incident-view';
import type { RankOptions } from './options';
import { templateShift, type TemplateShift } from './template-shift';
import type { TemplateMixSource } from './types';

/** The measurable facts about one candidate deploy that the model weighs. */
export interface SuspectFeatures {
  /** The service's anomalies in the incident that start after the deploy (minus the grace). */
  readonly after: readonly Anomaly[];
  /** The first of them that matters (the first significant one, else the first). */
  readonly firstAfter: Anomaly | undefined;
  readonly lagMs: number | null;
  /** Some anomaly in `after` is significant (strong enough to mark an incident's start). */
  readonly significant: boolean;
  /** Strongest score among `after`. */
  readonly strength: number;
  /** Share of the incident's weight in `after`. */
  readonly share: number;
  /** The service's own anomalies that began before the deploy, and their share of its weight. */
  readonly before: readonly Anomaly[];
  readonly preexisting: number;
  /** Share of the incident's weight (any service) that began before the deploy. */
  readonly underway: number;
  /** How long after the incident's significant onset the service's first anomaly came (0 = it is the origin). */
  readonly originDelayMs: number | null;
  /** A later deploy of the same service between this one and the service's anomalies. */
  readonly supersededBy: Deploy | undefined;
  readonly shift: TemplateShift | undefined;
  /**
   * When the deployed service shows nothing after the deploy but a caller's errors name it or a declared
   * dependency leads to it: the caller whose anomalies stand in for its own (`after` then holds those).
   */
  readonly through: DependencyLink | undefined;
  /**
   * The service's errors after the deploy name another service that deployed later (and before them): that later
   * change is where they point. The deploy, and the share of `after`'s weight in such errors.
   */
  readonly pointsElsewhere: { readonly deploy: Deploy; readonly share: number } | undefined;
}

export function measure(
  deploy: Deploy,
  view: IncidentView,
  deploys: readonly Deploy[],
  o: RankOptions,
  mix: TemplateMixSource | undefined,
): SuspectFeatures {
  const cutoff = deploy.timestamp - o.graceMs;
  const own = view.byService.get(deploy.service) ?? [];
  const ownAfter = own.filter((a) => a.firstSeen >= cutoff);
  // A quiet service can still have broken its callers: their errors then stand in for its own. Quiet means nothing
  // strong of its own: a rolling restart's few extra lines are no answer to a caller failing by name.
  const quiet = !ownAfter.some((a) => a.score >= Math.min(o.significantScore, view.strength));
  const through = quiet ? dependencyLinks(deploy.service, view, cutoff, o.dependsOn)[0] : undefined;
  const after = through === undefined ? ownAfter : through.anomalies;
  const before = own.filter((a) => a.firstSeen < cutoff);
  const threshold = Math.min(o.significantScore, view.strength);
  const firstAfter = after.find((a) => a.score >= threshold) ?? after[0];
  const lagMs = firstAfter === undefined ? null : Math.max(0, firstAfter.firstSeen - deploy.timestamp);
  const weightAfter = weight(after);
  const weightBefore = weight(before);
  const total = view.totalWeight > 0 ? view.totalWeight : 1;
  const underwayWeight = weight(view.incident.anomalies.filter((a) => a.firstSeen < cutoff));
  const supersededBy =
    firstAfter === undefined
      ? undefined
      : deploys.find(
          (d) =>
            d.service === deploy.service &&
            d.id !== deploy.id &&
            d.timestamp > deploy.timestamp &&
            d.timestamp - o.graceMs <= firstAfter.firstSeen,
        );
  return {
    after,
    firstAfter,
    lagMs,
    significant: after.some((a) => a.score >= threshold),
    strength: after.reduce((m, a) => Math.max(m, a.score), 0),
    share: weightAfter / total,
    before,
    preexisting: weightBefore + weightAfter > 0 ? weightBefore / (weightBefore + weightAfter) : 0,
    underway: underwayWeight / total,
    originDelayMs: originDelay(after, view, threshold, o),
    supersededBy,
    shift: mix === undefined ? undefined : shiftAcross(deploy, deploys, o, mix),
    through,
    pointsElsewhere: through === undefined ? pointsElsewhere(deploy, after, deploys, o) : undefined,
  };
}

/**
 * A caller's errors that name a service deployed after the caller's own deploy point at that later change: the
 * latest such deploy, and the share of the caller's weight after its deploy in errors naming it.
 */
function pointsElsewhere(
  deploy: Deploy,
  after: readonly Anomaly[],
  deploys: readonly Deploy[],
  o: RankOptions,
): SuspectFeatures['pointsElsewhere'] {
  const total = weight(after);
  if (total <= 0) return undefined;
  let best: SuspectFeatures['pointsElsewhere'];
  for (const other of deploys) {
    if (other.service === deploy.service || other.timestamp <= deploy.timestamp) continue;
    const naming = after.filter(
      (a) => a.error && a.firstSeen >= other.timestamp - o.graceMs && namesService(a, other.service),
    );
    const share = weight(naming) / total;
    if (share > 0 && (best === undefined || share > best.share)) best = { deploy: other, share };
  }
  return best;
}

/** Template mix in the window before the deploy against the window after it (cut at the service's next deploy). */
function shiftAcross(
  deploy: Deploy,
  deploys: readonly Deploy[],
  o: RankOptions,
  mix: TemplateMixSource,
): TemplateShift | undefined {
  const next = deploys
    .filter((d) => d.service === deploy.service && d.timestamp > deploy.timestamp)
    .reduce((m, d) => Math.min(m, d.timestamp), Infinity);
  const afterEnd = Math.min(deploy.timestamp + o.mixWindowMs, next);
  if (afterEnd - deploy.timestamp < 60_000) return undefined;
  const before = mix.templateMix(deploy.service, deploy.timestamp - o.mixWindowMs, deploy.timestamp);
  const after = mix.templateMix(deploy.service, deploy.timestamp, afterEnd);
  return before === undefined || after === undefined ? undefined : templateShift(before, after);
}

/**
 * How long after the incident's significant onset the service's first significant anomaly came. A service with
 * only weak anomalies after the deploy did not start the incident: it counts as fully late.
 */
function originDelay(after: readonly Anomaly[], view: IncidentView, threshold: number, o: RankOptions): number | null {
  if (after.length === 0) return null;
  const first = after.find((a) => a.score >= threshold);
  if (first === undefined) return o.lateScaleMs;
  return Math.max(0, first.firstSeen - view.significantOnset);
}

function weight(list: readonly Anomaly[]): number {
  return list.reduce((s, a) => s + a.score, 0);
}
