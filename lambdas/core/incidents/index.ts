export { groupAnomalies } from './group-anomalies';
export { INCIDENT_DEFAULTS, type IncidentOptions } from './options';
export type { IncidentGroup, Severity } from './types';
