/**
 * The published core (`culprit/core`): the Drain template miner and the offline analysis, pure TypeScript with no
 * AWS imports, for programs that want Culprit's answer without the CLI or the CDK construct.
 */
export {
  TemplateMiner,
  SnapshotError,
  SNAPSHOT_VERSION,
  minerOptionsSchema,
  minerSnapshotSchema,
  templateIdFor,
  type MaskPattern,
  type MatchResult,
  type MinerOptions,
  type MinerOptionsInput,
  type MinerSnapshot,
  type MineResult,
  type Param,
  type ParamType,
  type TemplateChange,
  type TemplateInfo,
} from './drain';
export {
  analyze,
  Analyzer,
  ANALYSIS_DEFAULTS,
  resolveAnalysisOptions,
  type AnalysisOptions,
  type AnalysisOptionsInput,
  type AnalysisResult,
  type AnalysisStats,
  type AnalyzerState,
  type Anomaly,
  type AnomalyKind,
  type Deploy,
  type Incident,
  type LeveledLogEvent,
  type LogEvent,
  type Suspect,
} from './analysis';
