export { LINE_READER_DEFAULTS, readLines, type LineReaderOptions, type ReadLine } from './line-reader';
export {
  LOG_SOURCE_DEFAULTS,
  listLogFiles,
  readLogEvents,
  type LogEventStream,
  type LogProblem,
  type LogSourceOptions,
} from './log-sources';
export { readDeploys } from './deploy-file';
