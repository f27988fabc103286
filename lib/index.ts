export { Culprit, type CulpritProps, type CulpritLogGroup } from './culprit';
export type { CulpritEscapeHatches, CulpritFunctionOverrides } from './culprit-escape-hatches';
export { CulpritStack, type CulpritStackProps } from './culprit-stack';
export {
  parseCulpritConfig,
  readCulpritContext,
  CulpritConfigError,
  type CulpritConfig,
  type CulpritConfigInput,
  type ConfigProblem,
} from './config';
