export { culpritConfigSchema, type CulpritConfig, type CulpritConfigInput } from './culprit-config-schema';
export { parseCulpritConfig, readCulpritContext } from './parse-culprit-config';
export { CulpritConfigError, type ConfigProblem } from './culprit-config-error';
