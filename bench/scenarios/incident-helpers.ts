/**
 * What every incident planner shares: the plan it returns, the cast it plays with, and the placement
 * helpers (an anchor on the timeline, a bad deploy with new errors, a deploy train).
 */
import { SECOND, type ScenarioBuilder } from './scenario-builder';
import type { TemplateRef } from './types';

/** A window where background (random) deploys must not land; `service: null` means any service. */
export interface QuietWindow {
  readonly service: string | null;
  readonly from: number;
  readonly to: number;
}

export interface IncidentPlan {
  readonly badDeployId: string | null;
  readonly incidentStart: number;
  readonly incidentEnd: number | null;
  readonly service: string;
  readonly summary: string;
  readonly downstream?: { readonly service: string; readonly errorStart: number; readonly deployId: string };
  readonly rollbackDeployId?: string;
  readonly earlierGoodDeployId?: string;
  readonly distractorDeployIds: readonly string[];
  readonly quiet: readonly QuietWindow[];
  /** False when the deploy should be ranked but not blamed. @default true */
  readonly expectBlame?: boolean;
  readonly rewordings?: readonly { readonly service: string; readonly from: string; readonly to: string }[];
  readonly dependsOn?: Readonly<Record<string, readonly string[]>>;
  /** Production conditions: every deploy restarts its service, rates drift. @default false */
  readonly production?: boolean;
}

/** The failing service and the others, in random order. */
export interface Cast {
  readonly failing: string;
  readonly others: readonly string[];
}

export const clock = (millis: number): string => new Date(millis).toISOString().slice(11, 16);

/** A time in [fromFraction, toFraction] of the timeline that leaves at least `tail` before its end. */
export function anchor(b: ScenarioBuilder, fromFraction: number, toFraction: number, tail: number): number {
  const span = b.end - b.start;
  const low = b.start + fromFraction * span;
  const high = Math.min(b.start + toFraction * span, b.end - tail);
  return Math.round(b.random.uniform(low, Math.max(low, high)));
}

export const between = (b: ScenarioBuilder, low: number, high: number): number =>
  Math.round(b.random.uniform(low, Math.max(low, high)));

/** A bad deploy of `service` at `at` whose new errors start `onsetDelay` later and last to the end. */
export function badDeployWithErrors(
  b: ScenarioBuilder,
  service: string,
  at: number,
  onsetDelay: number,
  ramp = b.errorRamp(),
) {
  const bad = b.deploy(service, at);
  const onset = at + onsetDelay;
  const errors = b.newErrors(service);
  b.addLines(service, errors, onset, b.end, b.errorRate(service), ramp);
  b.change(service, 'new-templates', errors, onset, b.end, bad.id);
  return { bad, onset, errors };
}

/**
 * A deploy train, three times in ten: another service deploys within 3 min of the bad deploy
 * (before or after), a benign deploy as close to the incident as the bad one.
 */
export function maybeCoDeploy(b: ScenarioBuilder, others: readonly string[], at: number): string[] {
  if (others.length === 0 || !b.random.chance(0.3)) return [];
  const deploy = b.deploy(b.random.pick(others), at + b.random.int(-180, 180) * SECOND);
  b.maybeHarmless(deploy, 0.25);
  return [deploy.id];
}

export const describeErrors = (errors: readonly TemplateRef[]): string =>
  `${errors.length} new error template${errors.length === 1 ? '' : 's'}`;
