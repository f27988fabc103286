export { CulpritFunction, type CulpritFunctionProps } from './culprit-function';
export { CulpritTables, type CulpritTablesProps } from './culprit-tables';
export { CulpritQueues, type CulpritQueuesProps } from './culprit-queues';
export { LogSubscriptions, type LogSubscriptionsProps } from './log-subscriptions';
export { DeployRules, type DeployRulesProps } from './deploy-rules';
export { CulpritAlarms, type CulpritAlarmsProps } from './culprit-alarms';
export { acknowledgeNagFindings, type NagSubjects } from './nag-acknowledgements';
export { handlerEntry, type HandlerEntry } from './handler-entry';
export { Verification, VERIFICATION_DEFAULTS, type VerificationProps } from './verification';
