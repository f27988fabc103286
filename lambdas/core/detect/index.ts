export { Detector, type DetectorState } from './detector';
export { DETECT_DEFAULTS, resolveDetectOptions, type DetectOptions } from './options';
export { hasErrorWords, isErrorLevel, levelClass, type LevelClass } from './error-signal';
export { excessSurprise, silenceSurprise } from './poisson';
export type { Anomaly, AnomalyKind, DetectorStats, MinedEvent } from './types';
