import { Detector, type Anomaly, type DetectorState } from '../detect';
import { TemplateMiner, type MinerSnapshot, type TemplateMerge } from '../drain';
import { InvalidInputError } from '../errors';
import { attributeLogChanges, explainedIncidents } from '../incidents';
import { rankSuspects } from '../rank';
import type { Deploy } from '../schemas';
import { mineAndObserve, observeMined, type MinedMessage } from './mining-step';
import { resolveAnalysisOptions, type AnalysisOptions, type AnalysisOptionsInput } from './options';
import type { AnalysisResult, Incident, LeveledLogEvent } from './types';

/** Serialisable analyzer state: the detector's, each service's miner snapshot, and counters. */
export interface AnalyzerState {
  readonly version: 1;
  readonly detector: DetectorState;
  readonly miners: Record<string, MinerSnapshot>;
  readonly skipped: number;
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
  private readonly miners = new Map<string, TemplateMiner>();
  /** Every anomaly reported so far, latest form (the detector itself forgets old closed ones). */
  private readonly archive = new Map<string, Anomaly>();
  /**
   * Services whose lines were mined elsewhere (another thread runs their miner, see {@link Analyzer.pushMined}):
   * the miner's alias map, replayed, so ids resolve as the miner would resolve them.
   */
  private readonly minedElsewhere = new Map<string, Map<string, string>>();
  private lastMinedService: string | undefined;
  private skipped = 0;

  constructor(options?: AnalysisOptionsInput, state?: AnalyzerState) {
    this.options = resolveAnalysisOptions(options);
    if (state === undefined) {
      this.detector = new Detector(this.options.detect);
      return;
    }
    if (state.version !== 1)
      throw new InvalidInputError(`analyzer state: version ${String(state.version)} is not supported (expected 1)`);
    this.detector = Detector.fromJSON(state.detector, this.options.detect);
    for (const [service, snapshot] of Object.entries(state.miners)) {
      this.miners.set(service, TemplateMiner.fromSnapshot(snapshot));
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
    let miner = this.miners.get(event.service);
    if (miner === undefined) {
      if (this.minedElsewhere.has(event.service)) throw mixedFeeds(event.service);
      miner = new TemplateMiner(this.options.miner);
      this.miners.set(event.service, miner);
    }
    const mined = mineAndObserve(
      this.detector,
      miner,
      event.timestamp,
      event.service,
      event.message,
      event.level,
      event.headerLength,
    );
    if (mined === undefined) this.skipped++;
  }

  /**
   * Analyses one line that a miner elsewhere (e.g. a worker thread running `mineMessage` with this service's
   * {@link TemplateMiner} built from `options.miner`) has mined: what {@link Analyzer.push} does after mining,
   * so a service whose lines all go through here, each mined by one miner in the order they come here, gives
   * exactly what `push` gives. `line` is the event's whole message. A service is fed either through `push` or
   * through here, never both.
   */
  pushMined(timestamp: number, service: string, mined: MinedMessage, line: string): void {
    if (service !== this.lastMinedService) this.noteMinedService(service);
    if (mined.merged.length > 0) this.noteMerges(service, mined.merged);
    observeMined(this.detector, timestamp, service, mined, line);
  }

  /** A line of `service` that mined to nothing (empty once its header was stripped), mined elsewhere. */
  skipMined(service: string): void {
    if (service !== this.lastMinedService) this.noteMinedService(service);
    this.skipped++;
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

  /** The services seen so far, in the order they first came (to tell a deploy of an unknown service). */
  serviceNames(): string[] {
    return this.detector.serviceNames();
  }

  /** Groups the anomalies so far into incidents and ranks `deploys` for each. */
  result(deploys: readonly Deploy[]): AnalysisResult {
    // The rank function takes the same step on the same history (the services' committed detector states).
    const { groups, changes } = explainedIncidents(
      this.anomalies(),
      this.detector,
      this.options.detect.bucketMs,
      this.options.incidents,
    );
    const sortedDeploys = [...deploys].sort((a, b) => a.timestamp - b.timestamp);
    const incidents: Incident[] = groups.map((g) => {
      const ranking = rankSuspects(g, sortedDeploys, this.options.rank, this.detector);
      return {
        ...g,
        suspects: ranking.suspects,
        unexplained: ranking.unexplained,
        unexplainedEvidence: ranking.unexplainedEvidence,
      };
    });
    const stats = this.detector.stats();
    return {
      incidents,
      logChanges: attributeLogChanges(changes, sortedDeploys, this.options.rank),
      stats: {
        lines: stats.lines,
        services: stats.services,
        templates: stats.templates,
        skipped: this.skipped,
        late: stats.late,
      },
    };
  }

  /**
   * Lines per bucket of one template of `service` over `[from, to)` (epoch ms), from the detector's bounded
   * history, for true per-template rates on a timeline. Templates the miner merged into the same survivor count
   * as one stream. Only closed buckets are known: the series starts at the oldest bucket still held and ends
   * before the bucket still open; `counts[i]` covers `[start + i·bucketMs, start + (i+1)·bucketMs)`. Undefined
   * when the service is unknown or no bucket of the range is held.
   */
  templateSeries(
    service: string,
    templateId: string,
    from: number,
    to: number,
  ): { start: number; bucketMs: number; counts: number[] } | undefined {
    const bucketMs = this.options.detect.bucketMs;
    const open = this.detector.watermark();
    const miner = this.miners.get(service);
    const aliases = this.minedElsewhere.get(service);
    if (open === undefined || !(to > from) || (miner === undefined && aliases === undefined)) return undefined;
    const resolve = (id: string): string =>
      miner !== undefined ? miner.resolve(id) : resolveAlias(aliases as Map<string, string>, id);
    const survivor = resolve(templateId);
    const sameStream = (id: string): boolean => id === templateId || resolve(id) === survivor;
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

  /**
   * All lines and error-template lines of `service` per bucket over `[from, to)`, from the same bounded history
   * as {@link Analyzer.templateSeries} (closed buckets only), for a service's health on a timeline. Undefined when
   * the service is unknown or no bucket of the range is held.
   */
  serviceHealth(
    service: string,
    from: number,
    to: number,
  ): { start: number; bucketMs: number; lines: number[]; errors: number[] } | undefined {
    const bucketMs = this.options.detect.bucketMs;
    const open = this.detector.watermark();
    if (open === undefined || !(to > from)) return undefined;
    const last = Math.min(Math.ceil(to / bucketMs), open / bucketMs);
    let start: number | undefined;
    const lines: number[] = [];
    const errors: number[] = [];
    for (let b = Math.floor(from / bucketMs); b < last; b++) {
      const mix = this.detector.templateMix(service, b * bucketMs, (b + 1) * bucketMs);
      if (mix === undefined) {
        if (start === undefined) continue;
        break;
      }
      start ??= b * bucketMs;
      let all = 0;
      let failing = 0;
      for (const [id, count] of mix) {
        all += count;
        if (this.detector.isErrorTemplate(service, id)) failing += count;
      }
      lines.push(all);
      errors.push(failing);
    }
    return start === undefined ? undefined : { start, bucketMs, lines, errors };
  }

  /** The state to resume from; services mined elsewhere carry no miner state here (their miner lives elsewhere). */
  toJSON(): AnalyzerState {
    const miners: Record<string, MinerSnapshot> = {};
    for (const [service, miner] of this.miners) miners[service] = miner.toSnapshot();
    return { version: 1, detector: this.detector.toJSON(), miners, skipped: this.skipped };
  }

  /** Replays a miner's merges into its alias map, so {@link Analyzer.templateSeries} resolves ids as it would. */
  private noteMerges(service: string, merged: readonly TemplateMerge[]): void {
    const aliases = this.minedElsewhere.get(service) as Map<string, string>;
    for (const { from, into } of merged) aliases.set(from, into);
  }

  private noteMinedService(service: string): void {
    if (!this.minedElsewhere.has(service)) {
      if (this.miners.has(service)) throw mixedFeeds(service);
      this.minedElsewhere.set(service, new Map());
    }
    this.lastMinedService = service;
  }
}

/** What {@link TemplateMiner.resolve} answers, from a replayed alias map. */
function resolveAlias(aliases: ReadonlyMap<string, string>, templateId: string): string {
  let id = templateId;
  for (let next = aliases.get(id); next !== undefined; next = aliases.get(id)) id = next;
  return id;
}

function mixedFeeds(service: string): InvalidInputError {
  return new InvalidInputError(
    `analyzer: service ${service} is fed both raw lines (push) and lines mined elsewhere (pushMined); use one`,
  );
}
