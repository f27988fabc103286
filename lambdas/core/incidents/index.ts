export { groupAnomalies } from './group-anomalies';
export { INCIDENT_DEFAULTS, type IncidentOptions } from './options';
export type { IncidentGroup, IncidentNature, Severity } from './types';
export { explainLogChanges } from './explain-log-changes';
export { BEHAVIOUR_SCORE, mayJoinIncident } from './behaviour-change';
export { explainedIncidents, type ExplainedIncidents } from './explained-incidents';
export { wordSimilarity } from './rewording';
export type { ExplainedAnomalies, LogChange, LogChangeDeploy, LogHistorySource } from './log-change-types';
export { attributeLogChanges, type AttributionWindow } from './attribute-log-changes';
