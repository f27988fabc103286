export {
  LINE_READER_DEFAULTS,
  LineSplitter,
  readLineBatches,
  readLines,
  type LineBatch,
  type LineReaderOptions,
  type ReadLine,
} from './line-reader';
export {
  LOG_SOURCE_DEFAULTS,
  listLogFiles,
  readLogEventBatches,
  readLogEvents,
  type LogEventBatchStream,
  type LogEventStream,
  type LogReadStats,
  type LogSourceOptions,
} from './log-sources';
export type { LogProblem, ProblemSink } from './log-problem';
export { readDeploys } from './deploy-file';
export { InputLosses, reasonOf, type FileLosses } from './input-losses';
