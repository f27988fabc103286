import type { Anomaly, AnomalyKind } from './types';

/** Where a service's tracker reports the anomaly records it opens or updates (the detector). */
export interface AnomalySink {
  get(id: string): AnomalyRecord | undefined;
  open(record: AnomalyRecord): void;
  touch(record: AnomalyRecord): void;
}

/** An anomaly while the detector still updates it: the public fields plus what continuing it needs. */
export interface AnomalyRecord {
  id: string;
  service: string;
  kind: AnomalyKind;
  templateId: string;
  template: string;
  error: boolean;
  firstSeen: number;
  lastSeen: number;
  active: boolean;
  countBefore: number;
  countAfter: number;
  expected: number;
  observed: number;
  buckets: number;
  surprise: number;
  score: number;
  sample: string;
  /** Baseline rate per bucket frozen when the anomaly opened. */
  baseRate: number;
  /** Buckets in a row in which the change was no longer visible. */
  quiet: number;
  /** Bucket index of `firstSeen`; `countAfter` keeps counting until `firstBucket + compareBuckets`. */
  firstBucket: number;
}

// Each kind's ceiling says how much it alone tells about a breaking change: a new error template is the
// clearest sign; a new non-error template is what most harmless releases add (a new info line), so alone it
// never makes an incident; a non-error template rising is often load.
const KIND_WEIGHT: Record<AnomalyKind, { error: number; plain: number }> = {
  new: { error: 1, plain: 0.15 },
  'error-surge': { error: 0.9, plain: 0.9 },
  spike: { error: 0.9, plain: 0.6 },
  drop: { error: 0.7, plain: 0.8 },
};

/**
 * Nats of surprise at which the surprise factor reaches 1 − 1/e: a few dozen nats is a real but modest change
 * (twenty new lines in ten minutes against one expected: 44 nats, 0.52), hundreds a clear one.
 */
const SURPRISE_SCALE = 60;
/**
 * The same for a new error template: a template that never printed before printing errors is news at far fewer
 * lines (a canary's handful a minute: ten lines against one expected is 14 nats, 0.5), where a known template's
 * rise needs volume to be more than noise.
 */
const NEW_ERROR_SURPRISE_SCALE = 20;
/** Buckets at which the duration factor reaches 1 − 1/e: a 1-bucket burst scores 0.22, ten buckets 0.92. */
const DURATION_SCALE = 4;
/**
 * Fold change (observed / expected − 1) at which the ratio factor of a rise reaches 1 − 1/e. Surprise grows with
 * volume alone, so a busy template rising 3× is as "surprising" as a rare one rising 30×; the fold change
 * keeps the second the stronger. Error templates rising is what matters, so they need less of it.
 */
const FOLD_SCALE = { error: 4, plain: 8 } as const;

/**
 * Strength in [0, 1] = kind weight × magnitude × duration, magnitude = surprise factor × size of the change, so
 * a short burst never scores like a sustained change and a modest rise never like a tenfold one.
 */
export function scoreAnomaly(
  a: Pick<AnomalyRecord, 'kind' | 'error' | 'surprise' | 'buckets' | 'observed' | 'expected'>,
  young = false,
): number {
  const weight = a.error ? KIND_WEIGHT[a.kind].error : KIND_WEIGHT[a.kind].plain;
  const scale = a.kind === 'new' && a.error ? NEW_ERROR_SURPRISE_SCALE : SURPRISE_SCALE;
  const magnitude = (1 - Math.exp(-a.surprise / scale)) * changeSize(a);
  // A young rise still going on counts as lasting a few minutes: the early verdict is provisional.
  const duration = 1 - Math.exp(-(young ? Math.max(a.buckets, DURATION_SCALE) : a.buckets) / DURATION_SCALE);
  return weight * magnitude * duration;
}

/** How large the change is, in [0, 1]: fold change for rises, the missing fraction for drops. */
function changeSize(a: Pick<AnomalyRecord, 'kind' | 'error' | 'observed' | 'expected'>): number {
  if (a.expected <= 0) return 1;
  if (a.kind === 'drop') return Math.sqrt(Math.max(0, 1 - a.observed / a.expected));
  const fold = a.observed / a.expected - 1;
  return fold <= 0 ? 0 : 1 - Math.exp(-fold / (a.error ? FOLD_SCALE.error : FOLD_SCALE.plain));
}

/** The public, read-only view of a record. */
export function toAnomaly(r: AnomalyRecord): Anomaly {
  return {
    id: r.id,
    service: r.service,
    kind: r.kind,
    templateId: r.templateId,
    template: r.template,
    error: r.error,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    active: r.active,
    countBefore: r.countBefore,
    countAfter: r.countAfter,
    expected: round(r.expected),
    observed: r.observed,
    buckets: r.buckets,
    surprise: round(r.surprise),
    score: round(r.score),
    sample: r.sample,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
