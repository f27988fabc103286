export { DATASET_NAMES, type DatasetName, datasetProfile, formatLogTimestamp } from './dataset-profiles';
export { type Dataset, type DatasetTemplate, loadDataset } from './loghub-dataset';
export { Random } from './random';
export { SCENARIO_DEFAULTS, type Scenario, type ScenarioOptions, generateScenario, planScenario } from './scenario';
export { generateEvents } from './traffic';
export {
  INCIDENT_KINDS,
  type Effect,
  type IncidentKind,
  type LogFormat,
  type ScenarioEvent,
  type ScenarioSpec,
  type ServiceSpec,
  type Truth,
  type TruthChange,
} from './types';
export { type WrittenScenario, writeScenario } from './write-scenario';
export {
  MATCH_WINDOW,
  type Blame,
  type IncidentClass,
  type ScenarioScore,
  type Summary,
  matchIncident,
  scoreScenario,
  summarise,
} from './score';
export { type ScenarioRun, evaluateScenario } from './evaluate-scenario';
export { describeFailure, formatEvalReport, isFailure } from './eval-report';
export { EXAMPLE_INCIDENT, writeExampleIncident } from './example-incident';
