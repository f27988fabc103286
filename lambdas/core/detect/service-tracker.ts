import { deficitSurprise, excessSurprise } from './poisson';
import type { DetectOptions } from './options';
import { scoreAnomaly, type AnomalyRecord } from './anomaly-record';
import { ServiceHistory, type HistoryBucket } from './service-history';
import { createTemplateState, updateBaseline, type TemplateState } from './template-state';
import { hasErrorWords } from './error-signal';

/** Nats a single bucket's count must reach to count as a minute of a spike (about p < 0.05). */
const HOT_SURPRISE = 3;

/** How unlikely the anomaly's lines are under its baseline: an excess for rises, a deficit for drops. */
function surpriseOf(r: AnomalyRecord): number {
  return r.kind === 'drop' ? deficitSurprise(r.observed, r.expected) : excessSurprise(r.observed, r.expected);
}

/** A dropped template is back when it has at least this fraction of its old rate. */
const RECOVERED = 0.75;

/** Where a tracker reports anomalies it opens or updates. */
export interface AnomalySink {
  get(id: string): AnomalyRecord | undefined;
  open(record: AnomalyRecord): void;
  touch(record: AnomalyRecord): void;
}

export interface ServiceTrackerState {
  readonly name: string;
  readonly firstTs: number;
  readonly learnEnd: number;
  readonly lines: number;
  readonly templates: TemplateState[];
  readonly history: HistoryBucket[];
  /** Anomalies whose `countAfter` window is still open. */
  readonly watching: string[];
}

/**
 * One service: its templates, their baselines and its bucket history. Lines only bump counters
 * ({@link ServiceTracker.template}); {@link ServiceTracker.closeBucket} runs the statistics once per bucket.
 */
export class ServiceTracker {
  readonly templates = new Map<string, TemplateState>();
  readonly list: TemplateState[] = [];
  readonly history: ServiceHistory;
  lines: number;
  private watching: string[];

  constructor(
    readonly name: string,
    readonly firstTs: number,
    readonly learnEnd: number,
    private readonly opts: DetectOptions,
    state?: ServiceTrackerState,
  ) {
    this.history = new ServiceHistory(opts.historyBuckets, state?.history);
    this.lines = state?.lines ?? 0;
    this.watching = state?.watching.slice() ?? [];
    for (const t of state?.templates ?? []) {
      this.templates.set(t.id, t);
      this.list.push(t);
    }
  }

  /** The template's counters, created on its first line. */
  template(id: string, text: string, ts: number, openBucket: number): TemplateState {
    let t = this.templates.get(id);
    if (t === undefined) {
      const firstBucket = Math.floor(this.firstTs / this.opts.bucketMs);
      t = createTemplateState(id, this.list.length, text, hasErrorWords(text), ts, ts >= this.learnEnd, openBucket - firstBucket);
      this.templates.set(id, t);
      this.list.push(t);
    }
    return t;
  }

  /** Closes bucket `b`: updates `countAfter` windows, continues or opens anomalies, folds counts into baselines. */
  closeBucket(b: number, sink: AnomalySink): void {
    const o = this.opts;
    this.updateWatched(b, sink);
    const bucketEnd = (b + 1) * o.bucketMs;
    const learning = bucketEnd <= this.learnEnd;
    const counts: number[] = [];
    for (const t of this.list) {
      if (t.mergedInto !== null) continue;
      const c = t.cur;
      if (c > 0) {
        counts.push(t.idx, c);
        t.silent = 0;
      } else {
        t.silent++;
      }
      t.recent.push(c);
      t.recentFirst.push(c > 0 ? t.curFirst : 0);
      if (t.recent.length > o.spikeWindowBuckets) {
        t.recent.shift();
        t.recentFirst.shift();
      }
      const open = t.openId === null ? undefined : sink.get(t.openId);
      let frozen = false;
      if (open !== undefined) frozen = this.continueAnomaly(t, open, c, b, sink);
      else if (!learning) frozen = this.tryOpen(t, b, sink);
      if (!frozen) updateBaseline(t, c, o.baselineBuckets);
      t.cur = 0;
    }
    this.history.append(b, counts);
  }

  /**
   * The miner merged template `fromId` into `intoId`: the survivor inherits the merged template's baseline
   * (their lines are now one stream), so neither a drop of the one nor a spike of the other is reported.
   */
  merge(fromId: string, intoId: string, sink: AnomalySink): void {
    const from = this.templates.get(fromId);
    const into = this.templates.get(intoId);
    if (from === undefined || into === undefined || from === into || from.mergedInto !== null) return;
    into.mean += from.mean;
    into.variance += from.variance;
    into.presence = Math.max(into.presence, from.presence);
    into.n = Math.max(into.n, from.n);
    into.cur += from.cur;
    into.total += from.total;
    for (let i = 0; i < into.recent.length; i++) into.recent[i] = (into.recent[i] ?? 0) + (from.recent[i] ?? 0);
    if (!from.isNew || from.graduated) into.graduated = true;
    const open = from.openId === null ? undefined : sink.get(from.openId);
    if (open !== undefined) {
      open.active = false;
      sink.touch(open);
    }
    from.openId = null;
    from.cur = 0;
    from.mergedInto = intoId;
  }

  toJSON(): ServiceTrackerState {
    return {
      name: this.name,
      firstTs: this.firstTs,
      learnEnd: this.learnEnd,
      lines: this.lines,
      templates: this.list,
      history: this.history.toJSON(),
      watching: this.watching,
    };
  }

  private updateWatched(b: number, sink: AnomalySink): void {
    const compareBuckets = Math.ceil(this.opts.compareWindowMs / this.opts.bucketMs);
    this.watching = this.watching.filter((id) => {
      const r = sink.get(id);
      const t = r === undefined ? undefined : this.templates.get(r.templateId);
      if (r === undefined || t === undefined || b >= r.firstBucket + compareBuckets) return false;
      if (t.cur > 0) {
        r.countAfter += t.cur;
        sink.touch(r);
      }
      return true;
    });
  }

  private tryOpen(t: TemplateState, b: number, sink: AnomalySink): boolean {
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
    r.buckets = t.recent.reduce((n, c) => n + (this.isHot(c, unseenRate, 1) ? 1 : 0), 0);
    r.sample = t.lastLine;
    this.finishOpen(t, r, sink);
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
      this.finishOpen(t, r, sink);
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
      const firstSeen = Math.min(t.lastTs + o.bucketMs / mu, bucketEnd);
      const expected = (mu * (bucketEnd - firstSeen)) / o.bucketMs;
      if (expected < o.dropExpectedLines) return false;
      const r = this.newRecord(t, 'drop', firstSeen, Math.floor(firstSeen / o.bucketMs), mu);
      r.expected = expected;
      r.buckets = t.silent;
      r.lastSeen = bucketEnd;
      this.finishOpen(t, r, sink);
      return true;
    }
    return this.tryPartialDrop(t, b, sink);
  }

  /** The template still has lines, far fewer than its baseline over the last few buckets. */
  private tryPartialDrop(t: TemplateState, b: number, sink: AnomalySink): boolean {
    const o = this.opts;
    const mu = t.mean;
    const recent = t.recent;
    for (const k of [Math.max(o.dropMinBuckets, 3), o.spikeWindowBuckets]) {
      if (k > recent.length) break;
      let sum = 0;
      for (let i = recent.length - k; i < recent.length; i++) sum += recent[i] ?? 0;
      if (sum > o.dropRatio * k * mu || deficitSurprise(sum, k * mu) < o.dropExpectedLines) continue;
      // As for spikes: the deficit must also stand out of the template's own minute-to-minute noise.
      if ((k * mu - sum) / Math.sqrt(k * Math.max(t.variance, mu)) < 3) continue;
      let first = recent.length - k;
      while (first < recent.length - 1 && (recent[first] ?? 0) > mu / 2) first++;
      let low = 0;
      for (let i = first; i < recent.length; i++) low += recent[i] ?? 0;
      const residual = low / (recent.length - first);
      let firstSeen = (b - (recent.length - 1 - first)) * o.bucketMs;
      // The bucket before the first low one went down part-way through: place the change by how many lines
      // it still had, between the baseline and the residual rate.
      const previous = first > 0 ? recent[first - 1] : undefined;
      if (previous !== undefined && mu > residual) {
        const fraction = Math.min(1, Math.max(0, (previous - residual) / (mu - residual)));
        firstSeen = firstSeen - o.bucketMs + fraction * o.bucketMs;
      }
      const r = this.newRecord(t, 'drop', firstSeen, Math.floor(firstSeen / o.bucketMs), mu);
      r.observed = low;
      r.expected = mu * (recent.length - first);
      r.buckets = recent.length - first;
      r.lastSeen = (b + 1) * o.bucketMs;
      this.finishOpen(t, r, sink);
      return true;
    }
    return false;
  }

  private newRecord(t: TemplateState, kind: AnomalyRecord['kind'], firstSeen: number, firstBucket: number, baseRate: number): AnomalyRecord {
    const compareBuckets = Math.ceil(this.opts.compareWindowMs / this.opts.bucketMs);
    return {
      id: `${this.name}|${t.id}|${kind}|${firstSeen}`,
      service: this.name,
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

  private finishOpen(t: TemplateState, r: AnomalyRecord, sink: AnomalySink): void {
    r.surprise = surpriseOf(r);
    r.score = scoreAnomaly(r);
    t.openId = r.id;
    this.watching.push(r.id);
    sink.open(r);
  }

  /** Returns whether the baseline stays frozen for this bucket. */
  private continueAnomaly(t: TemplateState, r: AnomalyRecord, c: number, b: number, sink: AnomalySink): boolean {
    const o = this.opts;
    r.template = t.text;
    r.error = t.error;
    if (r.kind === 'new') {
      r.observed = r.countAfter;
      r.expected = r.baseRate * Math.min(b - r.firstBucket + 1, this.compareBuckets());
      if (c > 0) {
        if (this.isHot(c, r.baseRate, 1)) r.buckets++;
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
    r.score = scoreAnomaly(r);
    if (!r.active) t.openId = null;
    sink.touch(r);
    return r.kind !== 'new';
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
