/**
 * Runs one scenario through the analysis core, in memory, and scores the result. The events go
 * straight from the generator into `analyze()`; the file readers are exercised by the end-to-end
 * benchmark and by their own tests.
 */
import { type AnalysisOptionsInput, type AnalysisResult, analyze } from '../../lambdas/core/analysis';
import type { LogEvent } from '../../lambdas/core/schemas';
import { type Scenario, type ScenarioOptions, generateScenario } from './scenario';
import { type ScenarioScore, scoreScenario } from './score';

export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly result: AnalysisResult;
  readonly score: ScenarioScore;
  readonly lines: number;
  /** Wall time of generation plus analysis, ms. */
  readonly elapsedMs: number;
}

/** Counts what passes through, without holding it. */
function* counted(events: Iterable<LogEvent>, counter: { lines: number }): Generator<LogEvent> {
  for (const event of events) {
    counter.lines += 1;
    yield event;
  }
}

export async function evaluateScenario(
  options: ScenarioOptions,
  analysis?: AnalysisOptionsInput,
): Promise<ScenarioRun> {
  const started = Date.now();
  const scenario = generateScenario(options);
  const counter = { lines: 0 };
  const result = await analyze(counted(scenario.events(), counter), scenario.deploys, analysis);
  return {
    scenario,
    result,
    score: scoreScenario(result, scenario.truth),
    lines: counter.lines,
    elapsedMs: Date.now() - started,
  };
}
