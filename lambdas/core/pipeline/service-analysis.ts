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
import { PipelineStateError } from './errors';

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
  private skipped: number;

  constructor(
    readonly service: string,
    options?: AnalysisOptionsInput,
    state?: AnalyzerState,
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
  }

  /**
   * Analyses one line (lines must come in time order); `level` is the one its structured record named. Returns the id of the template the line was
   * counted under, or undefined when nothing was left to mine once the header was stripped.
   */
  push(timestamp: number, line: string, level?: string): string | undefined {
    const mined = mineAndObserve(this.detector, this.miner, timestamp, this.service, line, level);
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

  /** The state in the CLI analyzer's format; take the changes first, or they are saved as pending. */
  toState(): AnalyzerState {
    return {
      version: 1,
      detector: this.detector.toJSON(),
      miners: { [this.service]: this.miner.toSnapshot() },
      skipped: this.skipped,
    };
  }
}
