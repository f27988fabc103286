export { Culprit, type CulpritProps, type CulpritLogGroup } from './culprit';
export type { CulpritEscapeHatches, CulpritFunctionOverrides } from './culprit-escape-hatches';
export { CulpritStack, type CulpritStackProps } from './culprit-stack';
export type { CulpritSettingsProps } from './culprit-settings-props';
export {
  parseCulpritConfig,
  readCulpritContext,
  SettingsError,
  type CulpritConfig,
  type CulpritConfigInput,
  type SettingsProblem,
} from './config';
