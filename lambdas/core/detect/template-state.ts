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
  /** Error by header level (sticky once seen) or by words in the text. */
  error: boolean;
  /** Error by words in the current text (re-read when the miner changes the text). */
  errorWords: boolean;
  /** Some line of the template had an error level. */
  errorLevel: boolean;
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
  bucketsSoFar: number,
): TemplateState {
  return {
    id,
    idx,
    text,
    error: errorWords,
    errorWords,
    errorLevel: false,
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
    // A template born during learning was absent from the buckets before it: they count as zeros.
    n: isNew ? 0 : bucketsSoFar,
    silent: 0,
    openId: null,
    mergedInto: null,
  };
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
