import { Detector, type Anomaly, type DetectorState } from '../detect';
import { TemplateMiner, type MinerSnapshot } from '../drain';
import { InvalidInputError } from '../errors';
import { groupAnomalies } from '../incidents';
import { parseLogLine } from '../log-line';
import { rankSuspects } from '../rank';
import type { Deploy, LogEvent } from '../schemas';
import { resolveAnalysisOptions, type AnalysisOptions, type AnalysisOptionsInput } from './options';
import type { AnalysisResult, Incident } from './types';

/** Serialisable analyzer state: the detector's, each service's miner snapshot, and counters. */
export interface AnalyzerState {
  readonly version: 1;
  readonly detector: DetectorState;
  readonly miners: Record<string, MinerSnapshot>;
  readonly skipped: number;
}

/** A log event, optionally with the level its structured record named (JSON logs often carry one). */
export type LeveledLogEvent = LogEvent & { readonly level?: string | undefined };

interface ServiceMiner {
  readonly miner: TemplateMiner;
  /** Aliases already passed to the detector: merges show as the alias map growing. */
  aliases: number;
}

/**
 * The incremental analysis: log events in (in time order), anomalies and incidents out. One template miner
 * per service; the header parser supplies the message to mine and the level. A Lambda keeps one across a
 * batch, saves it with {@link Analyzer.toJSON} and takes what changed with {@link Analyzer.takeChanges};
 * the CLI pushes a whole file and asks for {@link Analyzer.result}.
 */
export class Analyzer {
  readonly options: AnalysisOptions;
  private readonly detector: Detector;
  private readonly miners = new Map<string, ServiceMiner>();
  /** Every anomaly reported so far, latest form (the detector itself forgets old closed ones). */
  private readonly archive = new Map<string, Anomaly>();
  private skipped = 0;

  constructor(options?: AnalysisOptionsInput, state?: AnalyzerState) {
    this.options = resolveAnalysisOptions(options);
    if (state === undefined) {
      this.detector = new Detector(this.options.detect);
      return;
    }
    if (state.version !== 1) throw new InvalidInputError(`analyzer state: version ${String(state.version)} is not supported (expected 1)`);
    this.detector = Detector.fromJSON(state.detector, this.options.detect);
    for (const [service, snapshot] of Object.entries(state.miners)) {
      const miner = TemplateMiner.fromSnapshot(snapshot);
      this.miners.set(service, { miner, aliases: miner.aliases.size });
    }
    this.skipped = state.skipped;
  }

  /** Restores an analyzer saved with {@link Analyzer.toJSON}. */
  static fromJSON(state: AnalyzerState, options?: AnalysisOptionsInput): Analyzer {
    return new Analyzer(options, state);
  }

  /**
   * Analyses one event. Events must come in time order (across services). A `level` on the event (from a
   * structured log record) wins over the one the header parser finds in the message.
   */
  push(event: LeveledLogEvent): void {
    const parsed = parseLogLine(event.message);
    let m = this.miners.get(event.service);
    if (m === undefined) {
      m = { miner: new TemplateMiner(this.options.miner), aliases: 0 };
      this.miners.set(event.service, m);
    }
    const mined = m.miner.mine(parsed.message);
    if (mined.templateId === '') {
      this.skipped++;
      return;
    }
    if (m.miner.aliases.size !== m.aliases) this.passMerges(event.service, m);
    this.detector.observe(
      event.timestamp,
      event.service,
      mined.templateId,
      mined.template,
      mined.change !== 'none',
      event.level ?? parsed.level,
      event.message,
    );
  }

  /** Moves the clock without a line (a Lambda passes its batch end), so silences are judged. */
  advanceTo(timestamp: number): void {
    this.detector.advanceTo(timestamp);
  }

  /** Anomalies opened or updated since the last call. */
  takeChanges(): Anomaly[] {
    const changes = this.detector.takeChanges();
    for (const a of changes) this.archive.set(a.id, a);
    return changes;
  }

  /** Every anomaly so far, by first-seen time. */
  anomalies(): Anomaly[] {
    this.takeChanges();
    return [...this.archive.values()].sort((a, b) => a.firstSeen - b.firstSeen);
  }

  /** Groups the anomalies so far into incidents and ranks `deploys` for each. */
  result(deploys: readonly Deploy[]): AnalysisResult {
    const groups = groupAnomalies(this.anomalies(), this.options.incidents);
    const sortedDeploys = [...deploys].sort((a, b) => a.timestamp - b.timestamp);
    const incidents: Incident[] = groups.map((g) => {
      const ranking = rankSuspects(g, sortedDeploys, this.options.rank, this.detector);
      return { ...g, suspects: ranking.suspects, unexplained: ranking.unexplained, unexplainedEvidence: ranking.unexplainedEvidence };
    });
    const stats = this.detector.stats();
    return { incidents, stats: { lines: stats.lines, services: stats.services, templates: stats.templates, skipped: this.skipped, late: stats.late } };
  }

  /**
   * Lines per bucket of one template of `service` over `[from, to)` (epoch ms), from the detector's bounded
   * history, for true per-template rates on a timeline. Templates the miner merged into the same survivor count
   * as one stream. Only closed buckets are known: the series starts at the oldest bucket still held and ends
   * before the bucket still open; `counts[i]` covers `[start + i·bucketMs, start + (i+1)·bucketMs)`. Undefined
   * when the service is unknown or no bucket of the range is held.
   */
  templateSeries(service: string, templateId: string, from: number, to: number): { start: number; bucketMs: number; counts: number[] } | undefined {
    const bucketMs = this.options.detect.bucketMs;
    const open = this.detector.watermark();
    if (open === undefined || !(to > from) || !this.miners.has(service)) return undefined;
    const miner = this.miners.get(service)?.miner;
    const survivor = miner === undefined ? templateId : miner.resolve(templateId);
    const sameStream = (id: string): boolean => id === templateId || (miner !== undefined && miner.resolve(id) === survivor);
    const last = Math.min(Math.ceil(to / bucketMs), open / bucketMs);
    let start: number | undefined;
    const counts: number[] = [];
    for (let b = Math.floor(from / bucketMs); b < last; b++) {
      // The history's range check: undefined until the first bucket still held (or for an unknown service).
      const mix = this.detector.templateMix(service, b * bucketMs, (b + 1) * bucketMs);
      if (mix === undefined) {
        if (start === undefined) continue;
        break;
      }
      start ??= b * bucketMs;
      let count = 0;
      for (const [id, n] of mix) if (sameStream(id)) count += n;
      counts.push(count);
    }
    return start === undefined ? undefined : { start, bucketMs, counts };
  }

  toJSON(): AnalyzerState {
    const miners: Record<string, MinerSnapshot> = {};
    for (const [service, m] of this.miners) miners[service] = m.miner.toSnapshot();
    return { version: 1, detector: this.detector.toJSON(), miners, skipped: this.skipped };
  }

  private passMerges(service: string, m: ServiceMiner): void {
    const aliases = [...m.miner.aliases.keys()];
    for (const from of aliases.slice(m.aliases)) this.detector.mergeTemplates(service, from, m.miner.resolve(from));
    m.aliases = aliases.length;
  }
}
