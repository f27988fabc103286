export {
  createProgress,
  PROGRESS_DEFAULTS,
  type Progress,
  type ProgressOptions,
  type ProgressStream,
} from './progress';
export { inputBytes } from './input-size';
