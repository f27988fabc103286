import {
  resolveAnalysisOptions,
  type AnalysisOptions,
  type AnalysisOptionsInput,
  type AnalyzerState,
  type Anomaly,
  mineAndObserve,
} from '../analysis';
import { Detector } from '../detect';
import { TemplateMiner } from '../drain';
import { restoreSourceFormat, type SourceFormat, type SourceFormatState } from '../log-format';
import { PipelineStateError } from './errors';

/**
 * What ingest stores per service: the analyzer state plus the header layout learnt per log group (optional: states
 * written before layouts were learnt load, and their layouts are learnt from the next lines).
 */
export type ServiceState = AnalyzerState & { readonly formats?: Readonly<Record<string, unknown>> };

/**
 * Log groups whose learnt layout a service keeps (a service fed by more drops the one least recently primed):
 * with at most 3 small layouts each, this bounds the formats to a few KB of the state item.
 * @default 16
 */
export const MAX_FORMAT_SOURCES = 16;

/**
 * The analysis of one service's log, as the ingest Lambda keeps it between invocations: the same header
 * parser, Drain miner and {@link Detector} the CLI's `Analyzer` runs (the same `mineAndObserve`), for a single service,
 * and the same serialised form (`AnalyzerState`, restorable with `Analyzer.fromJSON`). It exists because
 * ingest must know which template each line went to (for the template counts table), which
 * `Analyzer.push` does not return. test/core/pipeline/service-analysis.test.ts keeps the two in lock-step.
 */
export class ServiceAnalysis {
  readonly options: AnalysisOptions;
  private readonly detector: Detector;
  private readonly miner: TemplateMiner;
  /** Header layout learnt per log group, least recently primed first. */
  private readonly formats = new Map<string, SourceFormat>();
  private skipped: number;

  constructor(
    readonly service: string,
    options?: AnalysisOptionsInput,
    state?: ServiceState,
  ) {
    this.options = resolveAnalysisOptions(options);
    if (state === undefined) {
      this.detector = new Detector(this.options.detect);
      this.miner = new TemplateMiner(this.options.miner);
      this.skipped = 0;
      return;
    }
    if (state.version !== 1)
      throw new PipelineStateError(
        `state of service ${service}: version ${String(state.version)} is not supported (expected 1)`,
      );
    const others = Object.keys(state.miners).filter((name) => name !== service);
    if (others.length > 0)
      throw new PipelineStateError(`state of service ${service} holds miners of other services: ${others.join(', ')}`);
    const snapshot = state.miners[service];
    this.detector = Detector.fromJSON(state.detector, this.options.detect);
    this.miner = snapshot === undefined ? new TemplateMiner(this.options.miner) : TemplateMiner.fromSnapshot(snapshot);
    this.skipped = state.skipped;
    for (const [source, stored] of Object.entries(state.formats ?? {}).slice(-MAX_FORMAT_SOURCES))
      this.formats.set(source, restoreSourceFormat(stored));
  }

  /**
   * Readies the header layout of `source` (a log group) for a batch of its lines: learnt from the batch when none is
   * known yet and the batch is big enough, else from the lines no layout fits as they come (see SourceFormat).
   * Learning thus runs once per source, and again when its layout changes, never per line.
   */
  prime(source: string, lines: readonly string[]): void {
    let format = this.formats.get(source);
    if (format === undefined) {
      format = restoreSourceFormat(undefined);
      if (this.formats.size >= MAX_FORMAT_SOURCES) {
        const oldest = this.formats.keys().next().value;
        if (oldest !== undefined) this.formats.delete(oldest);
      }
    } else this.formats.delete(source);
    this.formats.set(source, format);
    format.prime(lines);
  }

  /**
   * Analyses one line (lines must come in time order); `level` is the one its structured record named. Returns the
   * id of the template the line was counted under, or undefined when nothing was left to mine once the header was
   * stripped. `source` (the log group) names the learnt header layout to split the line with
   * ({@link ServiceAnalysis.prime}); lines it does not fit, and lines without a source, are split by the header rules
   * as the CLI's Analyzer splits them.
   */
  push(timestamp: number, line: string, level?: string, source?: string): string | undefined {
    const split = source === undefined ? undefined : this.formats.get(source)?.split(line);
    const mined = mineAndObserve(
      this.detector,
      this.miner,
      timestamp,
      this.service,
      line,
      level ?? split?.level,
      split?.messageStart,
    );
    if (mined === undefined) this.skipped++;
    return mined?.templateId;
  }

  /** Anomalies opened or updated since the last call. */
  takeChanges(): Anomaly[] {
    return this.detector.takeChanges();
  }

  /** Lines analysed and lines skipped so far. */
  stats(): { readonly lines: number; readonly skipped: number; readonly templates: number } {
    const stats = this.detector.stats();
    return { lines: stats.lines, skipped: this.skipped, templates: stats.templates };
  }

  /**
   * The state in the CLI analyzer's format (plus the learnt layouts, once there are any); take the changes first, or
   * they are saved as pending.
   */
  toState(): ServiceState {
    const formats: Record<string, SourceFormatState> = {};
    for (const [source, format] of this.formats) if (format.layouts.length > 0) formats[source] = format.state();
    const state: AnalyzerState = {
      version: 1,
      detector: this.detector.toJSON(),
      miners: { [this.service]: this.miner.toSnapshot() },
      skipped: this.skipped,
    };
    return Object.keys(formats).length === 0 ? state : { ...state, formats };
  }
}
