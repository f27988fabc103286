import type { AnomalySink } from './anomaly-record';
import { hasErrorWords } from './error-signal';
import type { DetectOptions } from './options';
import { ServiceHistory, type HistoryBucket } from './service-history';
import { TemplateJudge } from './template-judge';
import { createTemplateState, updateBaseline, type TemplateState } from './template-state';

/** Whole buckets a template must have lived before learning ends to count as part of the normal vocabulary. */
const KNOWN_MIN_BUCKETS = 3;

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
  private readonly judge: TemplateJudge;

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
    this.judge = new TemplateJudge(name, firstTs, opts, this.history, (id) => this.watching.push(id));
    for (const t of state?.templates ?? []) {
      this.templates.set(t.id, t);
      this.list.push(t);
    }
  }

  /** The template's counters, created on its first line. */
  template(id: string, text: string, ts: number): TemplateState {
    let t = this.templates.get(id);
    if (t === undefined) {
      // A template first seen in the last few buckets of learning has no baseline worth the name yet (its
      // first bucket is partial): it is judged as new, like one first seen after learning.
      const isNew = ts >= this.learnEnd - KNOWN_MIN_BUCKETS * this.opts.bucketMs;
      t = createTemplateState(id, this.list.length, text, hasErrorWords(text), ts, isNew);
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
      if (open !== undefined) frozen = this.judge.continueAnomaly(t, open, c, b, sink);
      else if (!learning) frozen = this.judge.tryOpen(t, b, sink);
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
}
