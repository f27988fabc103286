export { TemplateMiner } from './template-miner';
export { BatchScanner, type ScannedBatch } from './scanned-batch';
export {
  minerOptionsSchema,
  maskPatternSchema,
  type MinerOptions,
  type MinerOptionsInput,
  type MaskPattern,
} from './config';
export { minerSnapshotSchema, SNAPSHOT_VERSION, type MinerSnapshot } from './snapshot';
export { SnapshotError } from './errors';
export { templateIdFor } from './template-id';
export type { MatchResult, MineResult, Param, ParamType, TemplateChange, TemplateInfo, TemplateMerge } from './types';
