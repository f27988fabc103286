export { SubscriptionPayloadError, AnomalyMessageError, PipelineStateError, messageOf } from './errors';
export {
  decodeSubscriptionData,
  decodeSubscriptionEvent,
  encodeSubscriptionEvent,
  MAX_SUBSCRIPTION_PAYLOAD_BYTES,
  subscriptionEventSchema,
  subscriptionPayloadSchema,
  type SubscriptionEvent,
  type SubscriptionLogEvent,
  type SubscriptionPayload,
} from './subscription-payload';
export {
  encodeKinesisEvent,
  isRecordsEvent,
  kinesisEventSchema,
  parseKinesisEvent,
  type KinesisEvent,
  type KinesisEventRecord,
} from './kinesis-event';
export { serviceForLogGroup, acceptsLogGroup } from './log-group-service';
export { MAX_FORMAT_SOURCES, ServiceAnalysis, type ServiceState } from './service-analysis';
export { applyLogEvents, type BatchOutcome, type IngestLogEvent } from './ingest-batch';
export { BucketCounts, type BucketCountsJson } from './bucket-counts';
export { encodeState, decodeState, MAX_STATE_BYTES } from './state-codec';
export { findApplied, withApplied, APPLIED_BATCHES_KEPT, type AppliedBatch } from './applied-batches';
export {
  findFlush,
  withFlush,
  flushesFromApplied,
  packKeys,
  unpackKeys,
  APPLIED_KEYS_KEPT,
  APPLIED_MAX_AGE_MS,
  type AppliedFlush,
} from './applied-flushes';
export {
  INGEST_BUFFER_DEFAULTS,
  flushReason,
  wouldOverflow,
  type FlushPolicy,
  type FlushReason,
  type BufferLoad,
} from './flush-policy';
export { ServiceBuffer, type BufferedDelivery, type CommittedState, type PreparedFlush } from './service-buffer';
export { batchKeyOf } from './batch-key';
export { encodeOutbox, decodeOutbox, type Outbox } from './outbox';
export {
  anomalySchema,
  anomalyMessageSchema,
  toAnomalyMessage,
  parseAnomalyMessage,
  MAX_MESSAGE_TEXT,
  type AnomalyMessage,
} from './anomaly-message';
export { packMessages, SQS_BATCH_LIMITS, type OutgoingMessage } from './message-batches';
export {
  timeKey,
  stateKey,
  newTemplateKey,
  countsKey,
  countsPartition,
  COUNTS_ATTRIBUTE_PREFIX,
  COUNTS_BATCHES_ATTRIBUTE,
  outboxKey,
  SERVICES_PARTITION,
  serviceRegistryKey,
  anomalyPartition,
  anomalyKey,
  anomalyHours,
  incidentPartition,
  incidentKey,
  incidentDays,
  type ItemKey,
} from './table-keys';
export {
  initialWindow,
  windowNeeded,
  incidentAround,
  evidenceOf,
  MAX_INCIDENT_WINDOW_MS,
  type IncidentHistory,
  type TimeWindow,
} from './incident-window';
export { ServiceHistories } from './service-histories';
export { CountsMix, type ServiceCounts } from './counts-mix';
export { pipelineAnalysisOptions, type RankSettings } from './pipeline-options';
export {
  buildVerdict,
  verdictKey,
  verdictEventDetail,
  VERDICT_EVENT,
  MAX_VERDICT_ANOMALIES,
  MAX_EVENT_ITEMS,
  type Verdict,
  type VerdictAnomaly,
} from './verdict';
