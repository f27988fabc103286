/**
 * Runs one scenario through the analysis core, in memory, and scores the result. The events go
 * straight from the generator into an {@link Analyzer}; the file readers are exercised by the
 * end-to-end benchmark and by their own tests. With `cutsMs`, the analysis is also read at each
 * scenario's onset + cut (the clock moved there, as a Lambda's batch end would), with only the deploys
 * known by then: how right the verdict is that early.
 */
import { type AnalysisOptionsInput, type AnalysisResult, Analyzer } from '../../lambdas/core/analysis';
import { type Scenario, type ScenarioOptions, generateScenario } from './scenario';
import { type ScenarioScore, scoreScenario } from './score';

export interface CutRun {
  /** Onset + this many ms. */
  readonly cutMs: number;
  readonly result: AnalysisResult;
  readonly score: ScenarioScore;
}

export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly result: AnalysisResult;
  readonly score: ScenarioScore;
  /** The verdicts at each requested cut, in the order asked. */
  readonly cuts: readonly CutRun[];
  readonly lines: number;
  /** Wall time of generation plus analysis, ms. */
  readonly elapsedMs: number;
}

export async function evaluateScenario(
  options: ScenarioOptions,
  analysis?: AnalysisOptionsInput,
  cutsMs: readonly number[] = [],
): Promise<ScenarioRun> {
  const started = Date.now();
  const scenario = generateScenario(options);
  const { truth } = scenario;
  const dependsOn = scenario.spec.dependsOn;
  const options_ = dependsOn === undefined ? analysis : { ...analysis, rank: { ...analysis?.rank, dependsOn } };
  const analyzer = new Analyzer(options_);
  const pending = [...new Set(cutsMs)]
    .sort((a, b) => a - b)
    .map((cutMs) => ({ cutMs, at: truth.incidentStart + cutMs }));
  const cuts = new Map<number, CutRun>();
  const readAt = (cut: { cutMs: number; at: number }): void => {
    analyzer.advanceTo(cut.at);
    const result = analyzer.result(scenario.deploys.filter((deploy) => deploy.timestamp <= cut.at));
    cuts.set(cut.cutMs, { cutMs: cut.cutMs, result, score: scoreScenario(result, truth) });
  };
  let lines = 0;
  for (const event of scenario.events()) {
    while (pending[0] !== undefined && event.timestamp >= pending[0].at)
      readAt(pending.shift() as (typeof pending)[number]);
    lines += 1;
    analyzer.push(event);
  }
  for (const cut of pending) readAt(cut);
  const result = analyzer.result(scenario.deploys);
  return {
    scenario,
    result,
    score: scoreScenario(result, truth),
    cuts: cutsMs.map((cutMs) => cuts.get(cutMs) as CutRun),
    lines,
    elapsedMs: Date.now() - started,
  };
}
