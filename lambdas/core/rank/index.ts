export { candidateDeploys, rankSuspects, type RankOptionsInput } from './rank-suspects';
export { RANK_DEFAULTS, resolveRankOptions, type RankOptions, type RankWeights } from './options';
export { describeAnomaly } from './evidence';
export { formatClock, formatDuration, formatPercent, quoteTemplate } from './format';
export { templateShift, type TemplateShift } from './template-shift';
export type { Ranking, Suspect, TemplateMixSource } from './types';
