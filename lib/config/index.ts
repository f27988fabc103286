export {
  withTransportSettings,
  type CulpritConfig,
  type CulpritConfigInput,
  type TransportSettings,
} from './culprit-config';
export { parseCulpritConfig, readCulpritContext } from './parse-culprit-config';
export { SettingsError, type SettingsProblem } from '../../lambdas/core/settings';
