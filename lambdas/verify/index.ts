export { createVerifyHandler, type VerifyHandlerDeps } from './create-verify-handler';
export {
  readLogEvents,
  LogReadError,
  LOG_READER_DEFAULTS,
  type LogReaderOptions,
  type ReadOutcome,
} from './log-reader';
