export { parseCsv, parseCsvRecords } from './csv';
export {
  LOGHUB_DATASETS,
  defaultLoghubDir,
  findRepoRoot,
  isLoghubDatasetName,
  loadLoghubDataset,
  loadLoghubDatasets,
  type LoghubDataset,
  type LoghubDatasetName,
  type LoghubLine,
} from './datasets';
export { groupingScore, parsingAccuracy, type GroupingScore } from './metrics';
export {
  alignWithNullValues,
  collapseWildcards,
  masksToWildcards,
  matchTemplate,
  matchTemplateSpans,
  normaliseTemplate,
  normaliseWhitespace,
} from './normalise';
export {
  EVALUATION_MODES,
  evaluateDataset,
  meanScores,
  type DatasetEvaluation,
  type EvaluateOptions,
  type EvaluationMode,
  type LineOutcome,
  type MeanScores,
  type MinerLike,
} from './evaluate';
export {
  formatErrorReport,
  groupingErrors,
  templateErrors,
  type GroupingError,
  type TemplateError,
} from './error-report';
export { formatAccuracyTable } from './table';
export { prepareRaw } from './prepare-raw';
export { evaluateThroughCli, formatCliTable, type CliEvaluation } from './cli-contract';
export { drawValue, VALUE_KINDS, withVaryingLengthValues, type ValueKind } from './varying-length';
export { withProgramLabels } from './program-labels';
