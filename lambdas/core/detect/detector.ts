import { InvalidInputError } from '../errors';
import { toAnomaly, type AnomalyRecord, type AnomalySink } from './anomaly-record';
import { levelClass } from './error-signal';
import { resolveDetectOptions, type DetectOptions } from './options';
import { ServiceTracker, type ServiceTrackerState } from './service-tracker';
import { hasErrorSignal, hasErrorWords } from './error-signal';
import { refreshError, sampleRawLine, type TemplateState } from './template-state';
import type { Anomaly, DetectorStats, MinedEvent } from './types';

/** Serialisable detector state (plain JSON): restore it with {@link Detector.fromJSON}. */
export interface DetectorState {
  readonly version: 1;
  /** Index of the bucket still open (lines are being counted into it), or null before the first line. */
  readonly openBucket: number | null;
  readonly lines: number;
  readonly late: number;
  readonly services: ServiceTrackerState[];
  readonly anomalies: AnomalyRecord[];
  readonly changed: string[];
}

const STATE_VERSION = 1;

/**
 * Incremental anomaly detector: mined lines in (in time order), anomalies out. Per line it does two map
 * lookups and a few counter updates; statistics run when the clock passes a bucket boundary. The clock is
 * the newest line of any service, so a service that falls silent is still judged (that is how drops show).
 */
export class Detector implements AnomalySink {
  private readonly opts: DetectOptions;
  private readonly services = new Map<string, ServiceTracker>();
  private readonly records = new Map<string, AnomalyRecord>();
  private changed = new Set<string>();
  private openBucket: number | null = null;
  private openEnd = -Infinity;
  private lines = 0;
  private late = 0;
  private templateCount = 0;
  private lastService: string | undefined;
  private lastTracker: ServiceTracker | undefined;

  constructor(options?: Partial<DetectOptions>) {
    this.opts = resolveDetectOptions(options);
  }

  /** Restores a detector saved with {@link Detector.toJSON}; options must match the ones it ran with. */
  static fromJSON(state: DetectorState, options?: Partial<DetectOptions>): Detector {
    if (state.version !== STATE_VERSION) {
      throw new InvalidInputError(
        `detector state: version ${String(state.version)} is not supported (expected ${STATE_VERSION})`,
      );
    }
    const d = new Detector(options);
    d.lines = state.lines;
    d.late = state.late;
    d.openBucket = state.openBucket;
    d.openEnd = state.openBucket === null ? -Infinity : (state.openBucket + 1) * d.opts.bucketMs;
    for (const r of state.anomalies) d.records.set(r.id, { ...r });
    d.changed = new Set(state.changed);
    for (const s of state.services) {
      const tracker = new ServiceTracker(s.name, s.firstTs, s.learnEnd, d.opts, structuredClone(s));
      d.services.set(s.name, tracker);
      d.templateCount += tracker.list.length;
    }
    return d;
  }

  /** Counts one mined line. Lines must come in time order; a line older than the open bucket is counted in it. */
  push(e: MinedEvent): void {
    this.observe(e.timestamp, e.service, e.templateId, e.template, e.templateChanged, e.level, e.line);
  }

  /** Same as {@link Detector.push} without building an object per line (the hot path). */
  observe(
    timestamp: number,
    service: string,
    templateId: string,
    template: string,
    templateChanged: boolean,
    level: string | undefined,
    line: string,
  ): void {
    if (timestamp >= this.openEnd) this.advanceTo(timestamp);
    else if (this.openBucket !== null && timestamp < this.openEnd - this.opts.bucketMs) this.late++;
    // Lines of one service often come in runs: remember the last one looked up.
    let svc = service === this.lastService ? this.lastTracker : this.services.get(service);
    if (svc === undefined) {
      svc = new ServiceTracker(service, timestamp, timestamp + this.opts.learningMs, this.opts);
      this.services.set(service, svc);
    }
    this.lastService = service;
    this.lastTracker = svc;
    const count = svc.list.length;
    const t = svc.template(templateId, template, timestamp);
    if (svc.list.length !== count) this.templateCount++;
    else if (templateChanged && t.text !== template) {
      t.text = template;
      t.errorWords = hasErrorWords(template);
      refreshError(t);
    }
    if (t.cur === 0) {
      t.curFirst = timestamp;
      // Once per template and bucket, never per line: the raw line's masked error signals.
      if (!t.errorLevel && !t.errorWords) sampleRawLine(t, hasErrorSignal(line));
    }
    t.cur++;
    t.total++;
    t.lastTs = timestamp;
    t.lastLine = line;
    if (level !== undefined && level !== t.lastLevel) this.noteLevel(t, level);
    svc.lines++;
    this.lines++;
  }

  /** The miner merged template `fromId` of `service` into `intoId` (see {@link ServiceTracker.merge}). */
  mergeTemplates(service: string, fromId: string, intoId: string): void {
    this.services.get(service)?.merge(fromId, intoId, this);
  }

  /**
   * Moves the clock to `timestamp`, closing every bucket that ends at or before it. A Lambda calls this with
   * the end of its batch so silence is noticed even when no line arrives.
   */
  advanceTo(timestamp: number): void {
    const target = Math.floor(timestamp / this.opts.bucketMs);
    if (this.openBucket === null) {
      this.setOpen(target);
      return;
    }
    if (target <= this.openBucket) return;
    // Beyond a long gap with no line at all, the data is missing rather than the services silent.
    const last = Math.min(target - 1, this.openBucket + this.opts.maxGapBuckets);
    for (let b = this.openBucket; b <= last; b++) {
      for (const svc of this.services.values()) svc.closeBucket(b, this);
    }
    this.setOpen(target);
    this.prune();
  }

  /** Anomalies opened or updated since the last call (each once, in its latest form). */
  takeChanges(): Anomaly[] {
    const out: Anomaly[] = [];
    for (const id of this.changed) {
      const r = this.records.get(id);
      if (r !== undefined) out.push(toAnomaly(r));
    }
    this.changed.clear();
    return out;
  }

  /** Every anomaly still held (closed ones are dropped once older than the history). */
  anomalies(): Anomaly[] {
    return [...this.records.values()].map(toAnomaly);
  }

  /**
   * Lines per template of `service` in buckets overlapping `[from, to)` (epoch ms), from the bounded history.
   * Undefined when the service is unknown or the range is older than the history.
   */
  templateMix(service: string, from: number, to: number): Map<string, number> | undefined {
    const svc = this.services.get(service);
    if (svc === undefined) return undefined;
    const oldest = svc.history.oldest();
    const fromBucket = Math.floor(from / this.opts.bucketMs);
    if (oldest === undefined || fromBucket < oldest) return undefined;
    const byIdx = svc.history.mix(fromBucket, Math.ceil(to / this.opts.bucketMs));
    const out = new Map<string, number>();
    for (const [idx, count] of byIdx) {
      const t = svc.list[idx];
      if (t !== undefined) out.set(t.id, count);
    }
    return out;
  }

  /** Whether a template of `service` is an error template (an error level on some line, or error words). */
  isErrorTemplate(service: string, templateId: string): boolean {
    return this.services.get(service)?.templates.get(templateId)?.error === true;
  }

  /** Current text of a template, if known. */
  templateText(service: string, templateId: string): string | undefined {
    return this.services.get(service)?.templates.get(templateId)?.text;
  }

  /** Start (epoch ms) of the bucket still open: everything before it has been judged. */
  watermark(): number | undefined {
    return this.openBucket === null ? undefined : this.openBucket * this.opts.bucketMs;
  }

  /** The services seen so far, in the order they first came. */
  serviceNames(): string[] {
    return [...this.services.keys()];
  }

  stats(): DetectorStats {
    return { lines: this.lines, services: this.services.size, templates: this.templateCount, late: this.late };
  }

  toJSON(): DetectorState {
    return {
      version: STATE_VERSION,
      openBucket: this.openBucket,
      lines: this.lines,
      late: this.late,
      services: [...this.services.values()].map((s) => s.toJSON()),
      anomalies: [...this.records.values()],
      changed: [...this.changed],
    };
  }

  /** @internal {@link AnomalySink} for the service trackers. */
  get(id: string): AnomalyRecord | undefined {
    return this.records.get(id);
  }

  /** @internal */
  open(record: AnomalyRecord): void {
    this.records.set(record.id, record);
    this.changed.add(record.id);
  }

  /** @internal */
  touch(record: AnomalyRecord): void {
    this.changed.add(record.id);
  }

  private noteLevel(t: TemplateState, level: string): void {
    t.lastLevel = level;
    if (levelClass(level) === 'error') t.errorLevel = true;
    refreshError(t);
  }

  private setOpen(bucket: number): void {
    this.openBucket = bucket;
    this.openEnd = (bucket + 1) * this.opts.bucketMs;
  }

  /** Forgets closed anomalies older than the history, once reported, so a long-running detector stays bounded. */
  private prune(): void {
    if (this.openBucket === null) return;
    const horizon = (this.openBucket - this.opts.historyBuckets) * this.opts.bucketMs;
    for (const [id, r] of this.records) {
      if (!r.active && r.lastSeen < horizon && !this.changed.has(id)) this.records.delete(id);
    }
  }
}
