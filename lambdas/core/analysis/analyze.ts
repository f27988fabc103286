import type { Deploy } from '../schemas';
import { Analyzer } from './analyzer';
import type { LeveledLogEvent } from './types';
import type { AnalysisOptionsInput } from './options';
import type { AnalysisResult } from './types';

/**
 * Analyses a whole stream of log events (in time order across services) against a list of deploys:
 * anomalies per service and template, incidents, and for each incident the deploys ranked as suspects.
 */
export async function analyze(
  events: AsyncIterable<LeveledLogEvent> | Iterable<LeveledLogEvent>,
  deploys: readonly Deploy[],
  options?: AnalysisOptionsInput,
): Promise<AnalysisResult> {
  const analyzer = new Analyzer(options);
  // A sync source is read synchronously: awaiting each of millions of lines would cost more than mining them.
  if (Symbol.iterator in events) for (const event of events) analyzer.push(event);
  else for await (const event of events) analyzer.push(event);
  return analyzer.result(deploys);
}
