/**
 * Tuning of the anomaly detector. Every default is declared once, here; callers pass a partial object
 * that is merged over {@link DETECT_DEFAULTS}.
 */
export interface DetectOptions {
  /**
   * Width of one counting bucket. Rates, baselines and windows are all measured in buckets, so the
   * per-line work is a counter increment and the statistics run once per bucket.
   * @default 60000 (one minute)
   */
  readonly bucketMs: number;
  /**
   * How long after a service's first line its templates count as its normal vocabulary. A template first
   * seen after this is `new`; spikes and drops are not judged before it ends.
   * @default 600000 (ten minutes)
   */
  readonly learningMs: number;
  /**
   * Number of buckets the baseline (mean and variance per bucket) effectively averages over: the
   * exponential smoothing factor is `1 / baselineBuckets`.
   * @default 30
   */
  readonly baselineBuckets: number;
  /**
   * Smallest baseline rate (lines per bucket) a known template is assumed to have, so a template seen once
   * during learning does not make every later line a spike.
   * @default 0.05
   */
  readonly minBaselineRate: number;
  /**
   * Widest window (in buckets) over which an increase is tested. Windows of 1, 3 and this many buckets are
   * tried, so a sharp jump is seen in one bucket and a slow rare template in a few.
   * @default 5
   */
  readonly spikeWindowBuckets: number;
  /**
   * A spike needs at least this many times the expected count in its window.
   * @default 4
   */
  readonly spikeRatio: number;
  /**
   * A spike needs at least this many lines in its window.
   * @default 4
   */
  readonly spikeMinCount: number;
  /**
   * Poisson surprise (negative log-probability, in nats) a window's count must reach to open a spike or an
   * error surge. 9 nats is a chance of about 1 in 8,000 per template and window.
   * @default 9
   */
  readonly spikeSurprise: number;
  /**
   * Error templates surge with a lower ratio than other templates: errors rising is the signal that matters.
   * @default 2.5
   */
  readonly errorSurgeRatio: number;
  /**
   * A spike or surge closes after this many buckets in a row without the window staying elevated.
   * @default 3
   */
  readonly closeAfterBuckets: number;
  /**
   * A template first seen after learning becomes a `new` anomaly once it has this many lines.
   * @default 2
   */
  readonly newMinCount: number;
  /**
   * A `new` anomaly closes after this many silent buckets; the template then has a baseline of its own.
   * @default 10
   */
  readonly newCloseBuckets: number;
  /**
   * A template counts as steady (able to `drop`) when its baseline rate is at least this many lines per bucket.
   * @default 1
   */
  readonly dropMinRate: number;
  /**
   * ...and it appeared in at least this fraction of recent buckets.
   * @default 0.8
   */
  readonly dropMinPresence: number;
  /**
   * Expected number of lines missed during a silence before it is a drop (the chance of such a silence by
   * luck is e^-this).
   * @default 10
   */
  readonly dropExpectedLines: number;
  /**
   * A drop needs at least this many whole silent buckets (or, for a partial drop, this many low buckets).
   * @default 2
   */
  readonly dropMinBuckets: number;
  /**
   * A template that keeps some lines still drops when its window count falls to at most this fraction of its
   * baseline (the miner may have folded the silenced lines into a template that also holds others).
   * @default 0.5
   */
  readonly dropRatio: number;
  /**
   * Window before and after an anomaly's first-seen time over which `countBefore` / `countAfter` are counted.
   * @default 600000 (ten minutes)
   */
  readonly compareWindowMs: number;
  /**
   * How much per-service history (sparse per-bucket template counts) is kept for before/after comparisons.
   * Bounds memory at templates × buckets.
   * @default 240 (four hours of one-minute buckets)
   */
  readonly historyBuckets: number;
  /**
   * Longest run of empty buckets (no line from any service) evaluated one by one; a longer gap in the data
   * is skipped over instead of being read as every template dropping.
   * @default 30
   */
  readonly maxGapBuckets: number;
}

export const DETECT_DEFAULTS: DetectOptions = {
  bucketMs: 60_000,
  learningMs: 600_000,
  baselineBuckets: 30,
  minBaselineRate: 0.05,
  spikeWindowBuckets: 5,
  spikeRatio: 4,
  spikeMinCount: 4,
  spikeSurprise: 9,
  errorSurgeRatio: 2.5,
  closeAfterBuckets: 3,
  newMinCount: 2,
  newCloseBuckets: 10,
  dropMinRate: 1,
  dropMinPresence: 0.8,
  dropExpectedLines: 10,
  dropMinBuckets: 2,
  dropRatio: 0.5,
  compareWindowMs: 600_000,
  historyBuckets: 240,
  maxGapBuckets: 30,
};

export function resolveDetectOptions(options?: Partial<DetectOptions>): DetectOptions {
  return { ...DETECT_DEFAULTS, ...options };
}
