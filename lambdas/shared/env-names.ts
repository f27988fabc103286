/**
 * Names of the environment variables the CDK construct sets and the handlers read. Both sides import
 * these constants, so a rename cannot leave one side behind.
 */
export const ENV = {
  /** JSON object, resource name → service name (see lambdas/core/deploys/service-map.ts). */
  serviceMap: 'CULPRIT_SERVICE_MAP',
  /** URL of the anomaly queue (ingest sends, rank receives through its event source). */
  anomalyQueueUrl: 'CULPRIT_ANOMALY_QUEUE_URL',
  minerStateTable: 'CULPRIT_MINER_STATE_TABLE',
  templateCountsTable: 'CULPRIT_TEMPLATE_COUNTS_TABLE',
  deploysTable: 'CULPRIT_DEPLOYS_TABLE',
  incidentsTable: 'CULPRIT_INCIDENTS_TABLE',
  /** Name of the Culprit event bus (custom deploy events in, incident events out). */
  eventBusName: 'CULPRIT_EVENT_BUS_NAME',
  /**
   * Set when log groups are selected by prefix through an account-level subscription policy: the
   * policy delivers every log group, so ingest must drop events from groups outside the prefix.
   */
  logGroupPrefix: 'CULPRIT_LOG_GROUP_PREFIX',
  /** Minimum confidence (0..1) for the ranker to blame a deploy. */
  blameConfidence: 'CULPRIT_BLAME_CONFIDENCE',
  /** How far back before an anomaly the ranker looks for deploys, in minutes. */
  lookbackMinutes: 'CULPRIT_LOOKBACK_MINUTES',
  templateCountsTtlDays: 'CULPRIT_TEMPLATE_COUNTS_TTL_DAYS',
  /** Ingest: longest a delivery waits in a container before it is committed, in ms; 0 commits each delivery. */
  ingestFlushIntervalMs: 'CULPRIT_INGEST_FLUSH_INTERVAL_MS',
  /** Ingest: lines buffered per service before a flush is forced. */
  ingestMaxBufferedLines: 'CULPRIT_INGEST_MAX_BUFFERED_LINES',
  /** Ingest: deliveries buffered per service before a flush is forced (each adds a 12-byte key to the commit). */
  ingestMaxBufferedDeliveries: 'CULPRIT_INGEST_MAX_BUFFERED_DELIVERIES',
  /** Ingest: where records of the Kinesis transport that cannot be read are kept (the function's dead-letter queue). */
  ingestDeadLetterQueueUrl: 'CULPRIT_INGEST_DEAD_LETTER_QUEUE_URL',
  deploysTtlDays: 'CULPRIT_DEPLOYS_TTL_DAYS',
  incidentsTtlDays: 'CULPRIT_INCIDENTS_TTL_DAYS',
  /** Secrets Manager name of the Slack webhook URL or bot token; absent means no Slack messages. */
  slackSecretName: 'CULPRIT_SLACK_SECRET_NAME',
  /** Channel for a bare bot token in the Slack secret. */
  slackChannel: 'CULPRIT_SLACK_CHANNEL',
  /** JSON array of regular expression sources redacted from Slack messages (after the built-in rules). */
  redactPatterns: 'CULPRIT_REDACT_PATTERNS',
  /** ARN of the state machine started when a verdict blames a deploy confidently; absent means none. */
  triggerStateMachineArn: 'CULPRIT_TRIGGER_STATE_MACHINE_ARN',
  /** Minimum confidence (0..1) of the blamed deploy for the state machine to start. */
  triggerConfidence: 'CULPRIT_TRIGGER_CONFIDENCE',
  /** Set by the Lambda runtime (not by the stack): region of the function, for console links. */
  awsRegion: 'AWS_REGION',
} as const;
