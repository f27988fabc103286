export { inferLayout, INFERENCE_DEFAULTS } from './infer-layout';
export { matchLayout, emptyMatch, type LayoutMatch } from './match-layout';
export {
  SourceFormat,
  SOURCE_FORMAT_DEFAULTS,
  type SourceFormatOptions,
  type SourceFormatState,
} from './source-format';
export { describeLayout } from './describe-layout';
export type { ColumnKind, LayoutColumn, LogLayout } from './types';
