/**
 * The shape of a generated incident scenario: which services exist and how they log, what was
 * deployed when, what changed in the logs (effects), and the ground truth an evaluation scores against.
 */
import type { Deploy } from '../../lambdas/core/schemas';
import type { DatasetName } from './dataset-profiles';

const FIRST_KINDS = [
  'bad-deploy',
  'good-then-bad',
  'cascade',
  'spike',
  'drop',
  'slow-onset',
  'no-deploy',
  'rollback',
] as const;

/** The kinds of production conditions (rolling restarts at every deploy, rate drift); see production-kinds.ts. */
export const PRODUCTION_KINDS = [
  'rewording',
  'concurrent',
  'clock-skew',
  'cross-service',
  'surge',
  'canary',
  'structured',
  'stack-trace',
  'delayed',
  'rollback-storm',
  'error-in-line',
  'behaviour-change',
] as const;

export const INCIDENT_KINDS = [...FIRST_KINDS, ...PRODUCTION_KINDS] as const;

export type ProductionKind = (typeof PRODUCTION_KINDS)[number];

/**
 * 1 `bad-deploy`: new errors in the deployed service shortly after its deploy.
 * 2 `good-then-bad`: an earlier good deploy of the same service, then the bad one.
 * 3 `cascade`: the bad service fails first; a downstream service that had a benign deploy fails later.
 * 4 `spike`: an existing rare template jumps at least tenfold after the deploy.
 * 5 `drop`: a frequent template goes silent after the deploy.
 * 6 `slow-onset`: errors start 8–15 min after the bad deploy, another service deploying in between.
 * 7 `no-deploy`: a service fails with no deploy of its own in the last 2 h, others deployed shortly before.
 * 8 `rollback`: a bad deploy, then a rollback deploy of the same service that ends the errors.
 * 9 `rewording`: a benign deploy rewords 1–3 templates (renamed words, `key: v` → `key=v`, an added field,
 *   swapped words): they stop and their new forms start at the same moment and rate. No deploy is to blame.
 * 10 `concurrent`: two services deploy 30–90 s apart and both print errors; the origin deploys first or second.
 * 11 `clock-skew`: the bad deploy's service logs with its clock 1–2 min off the deploy events' clock.
 * 12 `cross-service`: the bad deploy's service logs nothing new; its caller fails, naming it (service, host,
 *   queue or endpoint) or declared as depending on it (`dependsOn`).
 * 13 `surge`: every template of a service rises together (load), a deploy nearby. No deploy is to blame.
 * 14 `canary`: a canary deploy prints new errors at 0.5–3 a minute.
 * 15 `structured`: a Lambda-style service logs JSON records (Powertools or pino) inside CloudWatch events, with
 *   START/END/REPORT lines; the bad deploy's new errors are errors by the record's level only.
 * 16 `stack-trace`: each stack frame is an event of its own; a known, handled trace recurs all along; the bad
 *   deploy throws a new exception.
 * 17 `delayed`: errors start 25–45 min after the bad deploy and ramp up over 3–10 min.
 * 18 `rollback-storm`: a bad deploy, a hotfix, a redeploy and a rollback of the same service.
 * 19 `error-in-line`: new errors at a routine level, their error only in the raw line (a camelCase or
 *   `…Exception` name, a JSON error field, status=5xx).
 * 20 `behaviour-change`: a deploy adds a large new non-error template: ranked, not blamed.
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
  /** Relative change of the base rate over the whole timeline (rate drift), e.g. 0.3 = 30 % more by the end. @default 0 */
  readonly drift?: number;
  /** How far this service's log clock is ahead of the deploy events' clock, ms (negative: behind). @default 0 */
  readonly clockSkewMs?: number;
  /** Structured records (JSON inside each event, with Lambda START/END/REPORT lines) instead of plain lines. */
  readonly records?: 'powertools' | 'pino';
  /** Multi-line messages (stack traces) arrive as one event per line. @default false */
  readonly splitTraces?: boolean;
}

/** A line source: a dataset template (`HDFS:E3`) or a synthesised one (`synthetic:java-npe`). */
export interface TemplateRef {
  readonly id: string;
  /** For downstream errors: the dependency they name. */
  readonly upstream?: string;
  /** Lines of the template printed reworded (a benign log change). */
  readonly reword?: Reword;
}

/** A rewording of a template's constant text; `seed` picks which word(s). */
export interface Reword {
  readonly rule: 'rename' | 'key-equals' | 'added-field' | 'swap';
  readonly seed: string;
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
    }
  /** Every template of the service multiplied by `factor` during [start, end), reached over `ramp` ms (load). */
  | {
      readonly type: 'load';
      readonly service: string;
      readonly start: number;
      readonly end: number;
      readonly factor: number;
      readonly ramp: number;
    };

export type ChangeKind =
  | 'new-templates'
  | 'spike'
  | 'drop'
  | 'harmless-template'
  | 'transient-burst'
  | 'rewording'
  | 'load'
  | 'restart'
  | 'behaviour';

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
  /**
   * Whether the bad deploy should be blamed (named with confidence ≥ the threshold) or only ranked first
   * (`behaviour-change`: a change worth hearing about, not a fault). @default true
   */
  readonly expectBlame?: boolean;
  /** For `rewording`: the templates that were reworded, as pairs the analysis should report as log changes. */
  readonly rewordings?: readonly { readonly service: string; readonly from: string; readonly to: string }[];
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
  /** Declared dependencies (caller → services it calls), as a `culprit.config.json` would hold them. */
  readonly dependsOn?: Readonly<Record<string, readonly string[]>>;
}

/** A generated log event: what the readers yield for it (timestamp, service, message), its level and template. */
export interface ScenarioEvent {
  readonly timestamp: number;
  readonly service: string;
  readonly message: string;
  /** Undefined when the event carries none of its own (a CloudWatch event: the record inside names it). */
  readonly level: string | undefined;
  /** The template it was drawn from (`HDFS:E3`, `synthetic:java-npe`); not written to files. */
  readonly templateId: string;
}
