export { analyze } from './analyze';
export { Analyzer, type AnalyzerState } from './analyzer';
export {
  headerAfterRedaction,
  mineAndObserve,
  mineMessage,
  observeMined,
  redactEvent,
  type MinedMessage,
} from './mining-step';
export { ANALYSIS_DEFAULTS, resolveAnalysisOptions, type AnalysisOptions, type AnalysisOptionsInput } from './options';
export type { AnalysisResult, AnalysisStats, Incident, LeveledLogEvent } from './types';
export type { Anomaly, AnomalyKind } from '../detect';
export type { Suspect } from '../rank';
export type { LogChange } from '../incidents';
export type { Deploy, LogEvent } from '../schemas';
