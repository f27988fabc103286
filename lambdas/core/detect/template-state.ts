/**
 * Per-template counters. Plain data (JSON-serialisable as is): the detector's state is a list of these.
 * The per-line path touches `cur`, `curFirst`, `lastTs`, `lastLine`, `total`; everything else changes once
 * per bucket.
 */
export interface TemplateState {
  readonly id: string;
  /** Position in the service's template list; history buckets refer to templates by it. */
  readonly idx: number;
  text: string;
  /** An error template: some line had an error level, or its words say so. */
  error: boolean;
  /** Error by words in the current text (re-read when the miner changes the text). */
  errorWords: boolean;
  /** Some line of the template had an error level. */
  errorLevel: boolean;
  /** Most raw lines sampled (the first of each bucket) carry an error signal their template masks. */
  errorRaw: boolean;
  /** Raw lines sampled for error signals, and how many had one. */
  rawChecked: number;
  rawErrors: number;
  /** The last level seen on the template's lines, so a repeated level is not classified again. */
  lastLevel: string | null;
  readonly created: number;
  /** First seen after the service's learning period. */
  readonly isNew: boolean;
  /** The `new` anomaly of this template has closed: from now on it is judged against its own baseline. */
  graduated: boolean;
  total: number;
  /** Lines in the open bucket and the time of the first of them. */
  cur: number;
  curFirst: number;
  lastTs: number;
  lastLine: string;
  /** Counts of the last closed buckets, oldest first, at most `spikeWindowBuckets`. */
  recent: number[];
  /** First-line time of each bucket in `recent` (0 when the bucket was empty). */
  recentFirst: number[];
  /** Baseline per bucket: smoothed mean, variance and fraction of buckets with a line. */
  mean: number;
  variance: number;
  presence: number;
  /** Buckets the baseline has absorbed (caps at `baselineBuckets`). */
  n: number;
  /** Closed buckets in a row without a line. */
  silent: number;
  /** Id of the anomaly in progress on this template, if any. */
  openId: string | null;
  /** The miner merged this template into another: it gets no lines and is no longer judged. */
  mergedInto: string | null;
}

export function createTemplateState(
  id: string,
  idx: number,
  text: string,
  errorWords: boolean,
  created: number,
  isNew: boolean,
): TemplateState {
  return {
    id,
    idx,
    text,
    error: errorWords,
    errorWords,
    errorLevel: false,
    errorRaw: false,
    rawChecked: 0,
    rawErrors: 0,
    lastLevel: null,
    created,
    isNew,
    graduated: false,
    total: 0,
    cur: 0,
    curFirst: 0,
    lastTs: created,
    lastLine: '',
    recent: [],
    recentFirst: [],
    mean: 0,
    variance: 0,
    presence: 0,
    // The baseline starts when the template does: a template born late in learning (a deploy's new line) has
    // no history of zeros that would make its normal rate look like a spike.
    n: 0,
    silent: 0,
    openId: null,
    mergedInto: null,
  };
}

/**
 * Re-derives `error` from the level and the words. A routine level does not veto the words: real logs print
 * failures at INFO (Windows CBS does), so "Failed to ..." stays an error whatever its level.
 */
export function refreshError(t: TemplateState): void {
  t.error = t.errorLevel || t.errorWords || t.errorRaw === true;
}

/** Samples one raw line of the template for error signals its text masks (see `hasErrorSignal`). */
export function sampleRawLine(t: TemplateState, hasSignal: boolean): void {
  // States saved before these counters existed start them at zero.
  t.rawChecked = (t.rawChecked ?? 0) + 1;
  if (hasSignal) t.rawErrors = (t.rawErrors ?? 0) + 1;
  const errorRaw = 2 * (t.rawErrors ?? 0) > t.rawChecked;
  if (errorRaw !== t.errorRaw) {
    t.errorRaw = errorRaw;
    refreshError(t);
  }
}

/** Folds one closed bucket's count into the baseline (exponential smoothing with a warm-up). */
export function updateBaseline(t: TemplateState, count: number, baselineBuckets: number): void {
  t.n = Math.min(t.n + 1, baselineBuckets);
  const alpha = 1 / t.n;
  const delta = count - t.mean;
  t.mean += alpha * delta;
  t.variance = (1 - alpha) * (t.variance + alpha * delta * delta);
  t.presence += alpha * ((count > 0 ? 1 : 0) - t.presence);
}
