/**
 * The shape of a generated incident scenario: which services exist and how they log, what was
 * deployed when, what changed in the logs (effects), and the ground truth an evaluation scores against.
 */
import type { Deploy } from '../../lambdas/core/schemas';
import type { DatasetName } from './dataset-profiles';

export const INCIDENT_KINDS = [
  'bad-deploy',
  'good-then-bad',
  'cascade',
  'spike',
  'drop',
  'slow-onset',
  'no-deploy',
  'rollback',
] as const;

/**
 * 1 `bad-deploy`: new errors in the deployed service shortly after its deploy.
 * 2 `good-then-bad`: an earlier good deploy of the same service, then the bad one.
 * 3 `cascade`: the bad service fails first; a downstream service that had a benign deploy fails later.
 * 4 `spike`: an existing rare template jumps at least tenfold after the deploy.
 * 5 `drop`: a frequent template goes silent after the deploy.
 * 6 `slow-onset`: errors start 8–15 min after the bad deploy, another service deploying in between.
 * 7 `no-deploy`: a service fails with no deploy of its own in the last 2 h, others deployed shortly before.
 * 8 `rollback`: a bad deploy, then a rollback deploy of the same service that ends the errors.
 */
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/**
 * How a service's lines are stored: `text` is a `.log` file of raw lines (timestamp, dataset
 * header, message), `jsonl` is JSON Lines, `cloudwatch` is what `aws logs filter-log-events` prints.
 */
export type LogFormat = 'text' | 'jsonl' | 'cloudwatch';

/** JSON Lines flavours: `{timestamp: ISO, service}` or `{timestamp: epoch ms, logGroup}`. */
export type JsonStyle = 'service-iso' | 'loggroup-epoch';

export interface ServiceSpec {
  readonly name: string;
  readonly dataset: DatasetName;
  readonly format: LogFormat;
  readonly jsonStyle: JsonStyle;
  /** Mean lines per second before diurnal variation and noise. */
  readonly baseRate: number;
  /** Relative amplitude of the slow (diurnal-ish) rate wave. */
  readonly diurnalAmplitude: number;
  readonly diurnalPhase: number;
  /** Dataset templates kept out of this service's normal traffic (they are the incident's new errors). */
  readonly heldOut: readonly string[];
}

/** A line source: a dataset template (`HDFS:E3`) or a synthesised one (`synthetic:java-npe`). */
export interface TemplateRef {
  readonly id: string;
  /** For downstream errors: the dependency they name. */
  readonly upstream?: string;
}

export type Effect =
  /** Extra lines of `template` at `rate` lines per second during [start, end), reached linearly over `ramp` ms. */
  | {
      readonly type: 'add';
      readonly service: string;
      readonly template: TemplateRef;
      readonly start: number;
      readonly end: number;
      readonly rate: number;
      readonly ramp: number;
    }
  /** The normal rate of one template multiplied by `factor` during [start, end); 0 silences it. */
  | {
      readonly type: 'scale';
      readonly service: string;
      readonly template: TemplateRef;
      readonly start: number;
      readonly end: number;
      readonly factor: number;
    };

export type ChangeKind = 'new-templates' | 'spike' | 'drop' | 'harmless-template' | 'transient-burst';

/** One change in the logs, described for people and for scoring. */
export interface TruthChange {
  readonly service: string;
  readonly change: ChangeKind;
  /** Template texts (`<*>` for variables). */
  readonly templates: readonly string[];
  readonly start: number;
  readonly end: number;
  /** The deploy that caused it, if any. */
  readonly deployId: string | null;
}

export interface Truth {
  readonly seed: string;
  readonly kind: IncidentKind;
  /** The deploy that broke production, or null when no deploy did. */
  readonly badDeployId: string | null;
  /** When the incident's first symptom starts, epoch ms. */
  readonly incidentStart: number;
  /** When its symptoms end, or null if they last to the end of the timeline. */
  readonly incidentEnd: number | null;
  /** The service where the incident starts. */
  readonly service: string;
  readonly summary: string;
  /** For `cascade`: the downstream service, when its errors start, its benign deploy. */
  readonly downstream?: { readonly service: string; readonly errorStart: number; readonly deployId: string };
  readonly rollbackDeployId?: string;
  readonly earlierGoodDeployId?: string;
  /** Benign deploys placed close to the incident on purpose. */
  readonly distractorDeployIds: readonly string[];
  /** Every change in the logs, including transient bursts and harmless templates. */
  readonly changes: readonly TruthChange[];
  readonly timeline: { readonly start: number; readonly end: number };
}

export interface ScenarioSpec {
  readonly seed: string;
  readonly kind: IncidentKind;
  readonly timeline: { readonly start: number; readonly end: number };
  readonly services: readonly ServiceSpec[];
  /** Sorted by time. */
  readonly deploys: readonly Deploy[];
  readonly effects: readonly Effect[];
  readonly truth: Truth;
}

/** A generated log event: what the readers yield for it (timestamp, service, message), its level and template. */
export interface ScenarioEvent {
  readonly timestamp: number;
  readonly service: string;
  readonly message: string;
  readonly level: string;
  /** The template it was drawn from (`HDFS:E3`, `synthetic:java-npe`); not written to files. */
  readonly templateId: string;
}
