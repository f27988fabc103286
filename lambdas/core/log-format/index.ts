export { inferLayout, INFERENCE_DEFAULTS } from './infer-layout';
export { matchLayout, emptyMatch, type LayoutMatch } from './match-layout';
export {
  SourceFormat,
  SOURCE_FORMAT_DEFAULTS,
  type HeaderSplit,
  type SourceFormatOptions,
  type SourceFormatState,
} from './source-format';
export { parseSourceFormatState, restoreSourceFormat } from './format-state';
export { describeLayout } from './describe-layout';
export type { ColumnKind, LayoutColumn, LogLayout } from './types';
