import { SETTINGS } from '../core/settings';

/**
 * Names of the environment variables the CDK construct sets and the handlers read. Both sides import these
 * constants, so a rename cannot leave one side behind. The variables carrying settings are declared with the
 * setting (lambdas/core/settings); those holding resource names are declared here.
 */
export const ENV = {
  /** URL of the anomaly queue (ingest sends, rank receives through its event source). */
  anomalyQueueUrl: 'CULPRIT_ANOMALY_QUEUE_URL',
  minerStateTable: 'CULPRIT_MINER_STATE_TABLE',
  templateCountsTable: 'CULPRIT_TEMPLATE_COUNTS_TABLE',
  deploysTable: 'CULPRIT_DEPLOYS_TABLE',
  incidentsTable: 'CULPRIT_INCIDENTS_TABLE',
  /** Name of the Culprit event bus (custom deploy events in, incident events out). */
  eventBusName: 'CULPRIT_EVENT_BUS_NAME',
  /** Ingest: where records of the Kinesis transport that cannot be read are kept (the function's dead-letter queue). */
  ingestDeadLetterQueueUrl: 'CULPRIT_INGEST_DEAD_LETTER_QUEUE_URL',
  /** Set by the Lambda runtime (not by the stack): region of the function, for console links. */
  awsRegion: 'AWS_REGION',
  serviceMap: SETTINGS.services.env.variable,
  logGroupPrefix: SETTINGS.logGroupPrefix.env.variable,
  blameConfidence: SETTINGS.blameConfidence.env.variable,
  lookbackMinutes: SETTINGS.lookbackMinutes.env.variable,
  templateCountsTtlDays: SETTINGS.templateCountsRetentionDays.env.variable,
  deploysTtlDays: SETTINGS.deploysRetentionDays.env.variable,
  incidentsTtlDays: SETTINGS.incidentsRetentionDays.env.variable,
  ingestFlushIntervalMs: SETTINGS.ingestFlushIntervalMs.env.variable,
  ingestMaxBufferedLines: SETTINGS.ingestMaxBufferedLines.env.variable,
  ingestMaxBufferedDeliveries: SETTINGS.ingestMaxBufferedDeliveries.env.variable,
  slackSecretName: SETTINGS.slackSecretName.env.variable,
  slackChannel: SETTINGS.slackChannel.env.variable,
  redactPatterns: SETTINGS.redactPatterns.env.variable,
  triggerStateMachineArn: SETTINGS.triggerStateMachineArn.env.variable,
  triggerConfidence: SETTINGS.triggerConfidence.env.variable,
  dependsOn: SETTINGS.dependsOn.env.variable,
  links: SETTINGS.links.env.variable,
  logFields: SETTINGS.logFields.env.variable,
} as const;
