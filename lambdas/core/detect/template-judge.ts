import { scoreAnomaly, type AnomalyRecord, type AnomalySink } from './anomaly-record';
import { BURST_BUCKETS, steadyLines } from './burst-reading';
import type { DetectOptions } from './options';
import { deficitSurprise, excessSurprise } from './poisson';
import type { ServiceHistory } from './service-history';
import type { TemplateState } from './template-state';

/** Nats a single bucket's count must reach to count as a minute of a spike (about p < 0.05). */
const HOT_SURPRISE = 3;

/** How unlikely the anomaly's lines are under its baseline: an excess for rises, a deficit for drops. */
function surpriseOf(r: AnomalyRecord): number {
  return r.kind === 'drop' ? deficitSurprise(r.observed, r.expected) : excessSurprise(r.observed, r.expected);
}

/** Buckets during which a rise that keeps going is scored provisionally, as if it lasted (see `isYoung`). */
const PROVISIONAL_BUCKETS = 4;

/** A dropped template is back when it has at least this fraction of its old rate. */
const RECOVERED = 0.75;

/**
 * The statistics run on one template when a bucket closes: whether a `new`, `spike`, `error-surge` or `drop`
 * anomaly opens, and how an open one goes on (or closes). One per service; it keeps no state of its own.
 */
export class TemplateJudge {
  constructor(
    private readonly service: string,
    private readonly firstTs: number,
    private readonly opts: DetectOptions,
    private readonly history: ServiceHistory,
    /** Called with each anomaly opened, so its `countAfter` window is followed. */
    private readonly watch: (id: string) => void,
  ) {}

  /** Opens an anomaly if the template's last buckets call for one; returns whether its baseline stays frozen. */
  tryOpen(t: TemplateState, b: number, sink: AnomalySink): boolean {
    const o = this.opts;
    if (t.isNew && !t.graduated) {
      if (t.total >= o.newMinCount) this.openNew(t, b, sink);
      else if (t.silent >= o.newCloseBuckets) t.graduated = true;
      return false;
    }
    return this.trySpike(t, b, sink) || this.tryDrop(t, b, sink);
  }

  private openNew(t: TemplateState, b: number, sink: AnomalySink): void {
    const o = this.opts;
    const firstBucket = Math.floor(t.created / o.bucketMs);
    // A template unseen for the service's first N buckets may still have had a rate of about 3/N per bucket
    // (the 95% bound): that, not zero, is what its lines are compared with, so a rare but steady template
    // first met after learning does not look like a sudden change.
    const age = Math.floor((t.created - this.firstTs) / o.bucketMs);
    const unseenRate = Math.max(o.minBaselineRate, 3 / Math.min(Math.max(age, 1), o.baselineBuckets));
    const r = this.newRecord(t, 'new', t.created, firstBucket, unseenRate);
    const span = Math.min(b - firstBucket + 1, this.compareBuckets());
    r.observed = t.total;
    r.countAfter = t.total;
    r.expected = unseenRate * span;
    r.buckets = t.recent.reduce((n, c) => n + (this.isSustainedNew(t, c, unseenRate) ? 1 : 0), 0);
    r.sample = t.lastLine;
    this.finishOpen(t, r, b, sink);
  }

  private trySpike(t: TemplateState, b: number, sink: AnomalySink): boolean {
    const o = this.opts;
    const mu = Math.max(t.mean, o.minBaselineRate);
    const sigma2 = Math.max(t.variance, mu);
    const ratio = t.error ? o.errorSurgeRatio : o.spikeRatio;
    const recent = t.recent;
    for (const k of [1, 3, o.spikeWindowBuckets]) {
      if (k > recent.length) break;
      let sum = 0;
      for (let i = recent.length - k; i < recent.length; i++) sum += recent[i] ?? 0;
      const lambda = k * mu;
      if (sum < o.spikeMinCount || sum < ratio * lambda) continue;
      if (excessSurprise(sum, lambda) < o.spikeSurprise) continue;
      // Over-dispersed templates (lines that come in batches) need the excess to stand out of their own noise.
      if ((sum - lambda) / Math.sqrt(k * sigma2) < 3) continue;
      let first = recent.length - k;
      for (let i = recent.length - k; i < recent.length; i++) {
        if ((recent[i] ?? 0) > 0) {
          first = i;
          break;
        }
      }
      const firstSeen = t.recentFirst[first] ?? t.lastTs;
      const firstBucket = b - (recent.length - 1 - first);
      const r = this.newRecord(t, t.error ? 'error-surge' : 'spike', firstSeen, firstBucket, mu);
      let hot = 0;
      for (let i = first; i < recent.length; i++) if (this.isHot(recent[i] ?? 0, mu, ratio)) hot++;
      r.observed = sum;
      r.countAfter = sum;
      r.expected = (recent.length - first) * mu;
      r.buckets = Math.max(1, hot);
      r.sample = t.lastLine;
      this.finishOpen(t, r, b, sink);
      return true;
    }
    return false;
  }

  private tryDrop(t: TemplateState, b: number, sink: AnomalySink): boolean {
    const o = this.opts;
    const mu = t.mean;
    if (mu < o.dropMinRate || t.presence < o.dropMinPresence) return false;
    const bucketEnd = (b + 1) * o.bucketMs;
    if (t.silent >= o.dropMinBuckets) {
      // The drop starts when the next line was due, not at the last line, so a template that stops at a
      // deploy does not look as if it stopped before it.
      // Whole epoch milliseconds, as every timestamp Culprit stores (deploy keys are built from them).
      const firstSeen = Math.round(Math.min(t.lastTs + o.bucketMs / mu, bucketEnd));
      const expected = (mu * (bucketEnd - firstSeen)) / o.bucketMs;
      if (expected < o.dropExpectedLines) return false;
      const r = this.newRecord(t, 'drop', firstSeen, Math.floor(firstSeen / o.bucketMs), mu);
      r.expected = expected;
      r.buckets = t.silent;
      r.lastSeen = bucketEnd;
      this.finishOpen(t, r, b, sink);
      return true;
    }
    return this.tryPartialDrop(t, b, sink);
  }

  /** The template still has lines, far fewer than its baseline over the last few buckets. */
  private tryPartialDrop(t: TemplateState, b: number, sink: AnomalySink): boolean {
    const o = this.opts;
    const mu = t.mean;
    const recent = t.recent;
    // A template that has just gone silent is left to the silence test: its last line dates the drop better.
    if (t.silent > 0) return false;
    for (const k of [Math.max(o.dropMinBuckets, 3), o.spikeWindowBuckets]) {
      if (k > recent.length) break;
      let sum = 0;
      for (let i = recent.length - k; i < recent.length; i++) sum += recent[i] ?? 0;
      if (sum > o.dropRatio * k * mu || deficitSurprise(sum, k * mu) < o.dropExpectedLines) continue;
      // As for spikes: the deficit must also stand out of the template's own minute-to-minute noise.
      if ((k * mu - sum) / Math.sqrt(k * Math.max(t.variance, mu)) < 3) continue;
      // The drop is the trailing run of low buckets (an older one-off dip is not its start).
      let first = recent.length - 1;
      while (first > recent.length - k && (recent[first - 1] ?? 0) < RECOVERED * mu) first--;
      let low = 0;
      for (let i = first; i < recent.length; i++) low += recent[i] ?? 0;
      const residual = low / (recent.length - first);
      let firstSeen = (b - (recent.length - 1 - first)) * o.bucketMs;
      // The bucket before the first low one went down part-way through: place the change by how many lines
      // it still had, between the baseline and the residual rate.
      const previous = first > 0 ? recent[first - 1] : undefined;
      if (previous !== undefined && mu > residual) {
        const fraction = Math.min(1, Math.max(0, (previous - residual) / (mu - residual)));
        firstSeen = Math.round(firstSeen - o.bucketMs + fraction * o.bucketMs); // whole epoch milliseconds
      }
      const r = this.newRecord(t, 'drop', firstSeen, Math.floor(firstSeen / o.bucketMs), mu);
      r.observed = low;
      r.expected = mu * (recent.length - first);
      r.buckets = recent.length - first;
      r.lastSeen = (b + 1) * o.bucketMs;
      this.finishOpen(t, r, b, sink);
      return true;
    }
    return false;
  }

  private newRecord(
    t: TemplateState,
    kind: AnomalyRecord['kind'],
    firstSeen: number,
    firstBucket: number,
    baseRate: number,
  ): AnomalyRecord {
    const compareBuckets = Math.ceil(this.opts.compareWindowMs / this.opts.bucketMs);
    return {
      id: `${this.service}|${t.id}|${kind}|${firstSeen}`,
      service: this.service,
      kind,
      templateId: t.id,
      template: t.text,
      error: t.error,
      firstSeen,
      lastSeen: t.lastTs,
      active: true,
      countBefore: kind === 'new' ? 0 : this.history.countOf(t.idx, firstBucket - compareBuckets, firstBucket),
      countAfter: 0,
      expected: 0,
      observed: 0,
      buckets: 0,
      surprise: 0,
      score: 0,
      sample: t.lastLine,
      baseRate,
      quiet: 0,
      firstBucket,
    };
  }

  private finishOpen(t: TemplateState, r: AnomalyRecord, b: number, sink: AnomalySink): void {
    r.surprise = surpriseOf(r);
    r.score = this.scoreOf(r, b, t);
    t.openId = r.id;
    this.watch(r.id);
    sink.open(r);
  }

  /** Carries an open anomaly through one more bucket (or closes it); returns whether the baseline stays frozen. */
  continueAnomaly(t: TemplateState, r: AnomalyRecord, c: number, b: number, sink: AnomalySink): boolean {
    const o = this.opts;
    r.template = t.text;
    r.error = t.error;
    if (r.kind === 'new') {
      // A new template is measured over its whole first `baselineBuckets` (not only the compare window): a
      // canary's new error at one line a minute only stands out over half an hour.
      const life = b - r.firstBucket + 1;
      if (life <= o.baselineBuckets) {
        r.observed = t.total;
        r.expected = r.baseRate * life;
      }
      if (c > 0) {
        if (this.isSustainedNew(t, c, r.baseRate)) r.buckets++;
        r.quiet = 0;
        r.lastSeen = t.lastTs;
      } else if (++r.quiet >= o.newCloseBuckets) {
        r.active = false;
        t.graduated = true;
      }
    } else if (r.kind === 'drop') {
      r.observed += c;
      r.expected += r.baseRate;
      if (c < RECOVERED * r.baseRate) {
        r.buckets++;
        r.lastSeen = (b + 1) * o.bucketMs;
      } else if (this.recovered(t, r.baseRate)) {
        r.active = false;
      }
    } else {
      const mu = r.baseRate;
      const ratio = t.error ? o.errorSurgeRatio : o.spikeRatio;
      r.observed += c;
      r.expected += mu;
      if (this.isHot(c, mu, ratio)) {
        r.buckets++;
        r.quiet = 0;
        r.lastSeen = t.lastTs;
      } else if (this.stillElevated(t, mu, ratio)) {
        r.quiet = 0;
      } else if (++r.quiet >= o.closeAfterBuckets) {
        r.active = false;
      }
    }
    r.surprise = surpriseOf(r);
    r.score = this.scoreOf(r, b, t);
    if (!r.active) t.openId = null;
    sink.touch(r);
    return r.kind !== 'new';
  }

  /**
   * The anomaly's score. A young new error template (see `isYoung`) is scored as if it kept its rate so far for
   * `PROVISIONAL_BUCKETS`, its lines and its expected lines alike: a release's new error printed twice in its first
   * minute is judged as the eight-in-four-minutes it promises, not as two lines, until its own buckets say
   * otherwise. Its own rate, not a fixed count, so a canary's one line a minute and a crash loop's hundred are each
   * measured against what they are.
   */
  private scoreOf(r: AnomalyRecord, b: number, t: TemplateState): number {
    const young = this.isYoung(r, b);
    const age = b - r.firstBucket + 1;
    if (r.kind !== 'new') return scoreAnomaly(r, young);
    if (!young || !r.error || age >= PROVISIONAL_BUCKETS) return this.newTemplateScore(r, b, t, young);
    const factor = PROVISIONAL_BUCKETS / age;
    const projected = { ...r, observed: r.observed * factor, expected: r.expected * factor };
    return scoreAnomaly({ ...projected, surprise: surpriseOf(projected) }, true);
  }

  /**
   * A new template scored as the stronger of two readings of its first `baselineBuckets`: what it printed steadily
   * (its two busiest buckets cut down to the next busiest) over every bucket it was seen in, or all its lines as a
   * burst of at most two buckets. A steady new error reads the same either way; a rare template's stray lines around
   * a one-minute burst read as the burst they are.
   */
  private newTemplateScore(r: AnomalyRecord, b: number, t: TemplateState, young: boolean): number {
    const steady = steadyLines(this.lifeCounts(r, b, t));
    if (steady === undefined || steady >= r.observed) return scoreAnomaly(r, young);
    const steadyReading = { ...r, observed: steady };
    const burst = scoreAnomaly({ ...r, buckets: Math.min(r.buckets, BURST_BUCKETS) });
    return Math.max(burst, scoreAnomaly({ ...steadyReading, surprise: surpriseOf(steadyReading) }, young));
  }

  /** Lines per bucket of a new template over its first `baselineBuckets`, as far as the clock has come. */
  private lifeCounts(r: AnomalyRecord, b: number, t: TemplateState): number[] {
    const end = Math.min(b, r.firstBucket + this.opts.baselineBuckets - 1);
    const counts = this.history.countsOf(t.idx, r.firstBucket, Math.min(end + 1, b));
    // The bucket closing now is not in the history yet.
    if (end === b) counts.push(t.recent[t.recent.length - 1] ?? 0);
    return counts;
  }

  /**
   * A bucket that counts as a minute of a new template: one clearly above the unseen rate, or for an error
   * template any line at all (a template that never printed before printing an error every minute is sustained).
   */
  private isSustainedNew(t: TemplateState, count: number, unseenRate: number): boolean {
    return t.error ? count > 0 : this.isHot(count, unseenRate, 1);
  }

  /**
   * A rise that opened at most `PROVISIONAL_BUCKETS` ago and has been visible in every bucket since: too young to
   * tell a short burst from a lasting change, so it is scored as if it lasts (a provisional, early verdict) until
   * its own buckets say otherwise.
   */
  private isYoung(r: AnomalyRecord, b: number): boolean {
    const age = b - r.firstBucket + 1;
    return r.active && r.kind !== 'drop' && age <= PROVISIONAL_BUCKETS && r.buckets >= age - 1;
  }

  private compareBuckets(): number {
    return Math.ceil(this.opts.compareWindowMs / this.opts.bucketMs);
  }

  /**
   * One bucket is clearly above the baseline on its own: this is what counts as a minute of the change, so a
   * rare template's usual odd line after a burst does not make the burst look sustained.
   */
  private isHot(count: number, mu: number, ratio: number): boolean {
    return count >= ratio * mu && excessSurprise(count, mu) >= HOT_SURPRISE;
  }

  /** The last three buckets together are back near the frozen baseline: the drop is over. */
  private recovered(t: TemplateState, mu: number): boolean {
    const k = Math.min(3, t.recent.length);
    let sum = 0;
    for (let i = t.recent.length - k; i < t.recent.length; i++) sum += t.recent[i] ?? 0;
    return sum >= RECOVERED * k * mu;
  }

  /** The last three buckets together are still clearly above the frozen baseline. */
  private stillElevated(t: TemplateState, mu: number, ratio: number): boolean {
    const k = Math.min(3, t.recent.length);
    let sum = 0;
    for (let i = t.recent.length - k; i < t.recent.length; i++) sum += t.recent[i] ?? 0;
    return sum >= ratio * k * mu && excessSurprise(sum, k * mu) >= this.opts.spikeSurprise / 2;
  }
}
