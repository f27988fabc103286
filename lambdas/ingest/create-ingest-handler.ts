import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { resolveAnalysisOptions, type AnalysisOptionsInput } from '../core/analysis';
import {
  acceptsLogGroup,
  batchKeyOf,
  decodeSubscriptionEvent,
  INGEST_BUFFER_DEFAULTS,
  isRecordsEvent,
  parseKinesisEvent,
  serviceForLogGroup,
  SubscriptionPayloadError,
  type SubscriptionPayload,
} from '../core/pipeline';
import { readJsonMessages } from '../core/log-format/structured';
import type { IngestEnv } from '../common';
import { registerService } from '../common/dynamodb';
import { IngestBuffers, type FlushOutcome } from './ingest-buffers';
import { createKinesisBatchHandler, type KinesisBatchResult } from './kinesis-batch';
import { MetricsCadence } from './metrics-cadence';
import { NewTemplateClaims } from './new-template-claims';
import { createOutboxDelivery } from './outbox-delivery';
import { parkRecord } from './record-parking';
import { StateStore } from './state-store';

export { StateContentionError, BufferFullError, type FlushOutcome } from './ingest-buffers';
export type { KinesisBatchResult } from './kinesis-batch';

export interface IngestHandlerDeps {
  readonly documentClient: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly env: Pick<
    IngestEnv,
    | 'anomalyQueueUrl'
    | 'deadLetterQueueUrl'
    | 'minerStateTable'
    | 'templateCountsTable'
    | 'templateCountsTtlDays'
    | 'serviceMap'
    | 'logGroupPrefix'
  > &
    Partial<Pick<IngestEnv, 'logFields'>> &
    Partial<Pick<IngestEnv, 'flushIntervalMs' | 'maxBufferedLines' | 'maxBufferedDeliveries'>>;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** Analysis options; the pipeline runs the core's defaults, as the CLI does. @default {} */
  readonly analysis?: AnalysisOptionsInput;
  /** Commit attempts of one flush when other containers keep committing first. @default 12 */
  readonly maxAttempts?: number;
  /** Clock for buffering, item timestamps and expiry. @default Date.now */
  readonly now?: () => number;
}

/** What became of a direct subscription delivery, or of a Kinesis batch of them. */
export type IngestResult = DeliveryResult | KinesisBatchResult;

export type DeliveryResult =
  /** Nothing to analyse: a control message, a group outside the prefix, or a delivery without events. */
  | { readonly outcome: 'control-message' | 'outside-prefix' | 'empty'; readonly logGroup: string }
  /** Applied to the container's state and kept for a later flush (or already buffered: `lines` 0). */
  | {
      readonly outcome: 'buffered';
      readonly logGroup: string;
      readonly service: string;
      readonly lines: number;
      /** Lines and deliveries of the service waiting in this container, this one included. */
      readonly bufferedLines: number;
      readonly bufferedDeliveries: number;
    }
  | {
      readonly outcome: 'applied' | 'redelivered';
      readonly logGroup: string;
      readonly service: string;
      readonly lines: number;
      readonly anomaliesSent: number;
      /** State version holding the batch. */
      readonly version: number;
      /** Commit attempts (1 without contention; 0 for a redelivery). */
      readonly attempts: number;
    };

/** The ingest function of one container; `flushAll` commits everything buffered (SIGTERM, tests). */
export interface IngestHandler {
  (event: unknown): Promise<IngestResult>;
  flushAll(reason?: 'shutdown' | 'requested'): Promise<{
    readonly flushed: FlushOutcome[];
    readonly failed: { readonly service: string; readonly error: unknown }[];
  }>;
  /** Deliveries and lines waiting per service. */
  pending(): Map<string, { readonly deliveries: number; readonly lines: number }>;
}

const DEFAULTS = { maxAttempts: 12 } as const;

/**
 * The ingest function: a CloudWatch Logs subscription event in, the service's analysis advanced in this
 * container, and every `flushIntervalMs` (at once for anomaly changes) template counts added and anomaly
 * changes queued for rank. Concurrent containers for one log group converge (see docs/operations.md,
 * "Ingest and rank: state, concurrency and idempotency").
 */
export function createIngestHandler(deps: IngestHandlerDeps): IngestHandler {
  const now = deps.now ?? Date.now;
  const store = new StateStore({
    client: deps.documentClient,
    stateTable: deps.env.minerStateTable,
    countsTable: deps.env.templateCountsTable,
    outboxTtlDays: deps.env.templateCountsTtlDays,
    ...(deps.analysis === undefined ? {} : { analysis: deps.analysis }),
  });
  const deliver = createOutboxDelivery({
    counts: {
      client: deps.documentClient,
      tableName: deps.env.templateCountsTable,
      ttlDays: deps.env.templateCountsTtlDays,
    },
    claims: new NewTemplateClaims(deps.documentClient, deps.env.minerStateTable),
    sqs: deps.sqs,
    queueUrl: deps.env.anomalyQueueUrl,
    bucketMs: resolveAnalysisOptions(deps.analysis).detect.bucketMs,
    logger: deps.logger,
    metrics: deps.metrics,
  });
  const buffers = new IngestBuffers({
    store,
    deliver,
    policy: {
      flushIntervalMs: deps.env.flushIntervalMs ?? INGEST_BUFFER_DEFAULTS.flushIntervalMs,
      maxBufferedLines: deps.env.maxBufferedLines ?? INGEST_BUFFER_DEFAULTS.maxBufferedLines,
      maxBufferedDeliveries: deps.env.maxBufferedDeliveries ?? INGEST_BUFFER_DEFAULTS.maxBufferedDeliveries,
    },
    maxAttempts: deps.maxAttempts ?? DEFAULTS.maxAttempts,
    now,
    logger: deps.logger,
    metrics: deps.metrics,
  });
  const registered = new Set<string>();
  const metricsCadence = new MetricsCadence(deps.metrics, now);

  async function ingest(payload: SubscriptionPayload): Promise<DeliveryResult> {
    const logGroup = payload.logGroup;
    const service = serviceForLogGroup(deps.env.serviceMap, logGroup);
    if (!registered.has(service)) {
      await registerService(
        { client: deps.documentClient, tableName: deps.env.templateCountsTable },
        service,
        now(),
        deps.env.templateCountsTtlDays,
      );
      registered.add(service);
    }
    // JSON messages (pino, ECS, Powertools …) give their message and level; the shape is learnt from the delivery.
    const events = readJsonMessages(payload.logEvents, deps.env.logFields);
    const accepted = await buffers.accept(service, logGroup, batchKeyOf(payload), events);
    switch (accepted.outcome) {
      case 'buffered':
        return {
          outcome: 'buffered',
          logGroup,
          service,
          lines: accepted.lines,
          bufferedLines: accepted.bufferedLines,
          bufferedDeliveries: accepted.bufferedDeliveries,
        };
      case 'redelivered':
        return {
          outcome: 'redelivered',
          logGroup,
          service,
          lines: 0,
          anomaliesSent: accepted.anomaliesSent,
          version: accepted.version,
          attempts: 0,
        };
      case 'applied':
        return {
          outcome: 'applied',
          logGroup,
          service,
          lines: accepted.lines,
          anomaliesSent: accepted.flush.anomaliesSent,
          version: accepted.flush.version,
          attempts: accepted.flush.attempts,
        };
    }
  }

  async function handlePayload(payload: SubscriptionPayload): Promise<DeliveryResult> {
    if (payload.messageType === 'CONTROL_MESSAGE') {
      deps.logger.info('CloudWatch Logs control message acknowledged', { logGroup: payload.logGroup });
      return { outcome: 'control-message', logGroup: payload.logGroup };
    }
    if (!acceptsLogGroup(payload.logGroup, deps.env.logGroupPrefix)) {
      deps.logger.debug('log group outside the configured prefix; ignored', { logGroup: payload.logGroup });
      return { outcome: 'outside-prefix', logGroup: payload.logGroup };
    }
    if (payload.logEvents.length === 0) return { outcome: 'empty', logGroup: payload.logGroup };
    return ingest(payload);
  }

  const kinesisBatch = createKinesisBatchHandler({
    ingest: handlePayload,
    park: async (record, error) => {
      const parked = await parkRecord(deps.sqs, deps.env.deadLetterQueueUrl, record, error);
      if (!parked.withData)
        deps.logger.error('the unreadable record is too large for a queue message; only its identity was kept', {
          sequenceNumber: record.kinesis.sequenceNumber,
        });
    },
    logger: deps.logger,
    metrics: deps.metrics,
  });

  async function handle(event: unknown): Promise<IngestResult> {
    try {
      // A batch from the Kinesis transport, or one delivery of a direct subscription.
      if (isRecordsEvent(event)) return await kinesisBatch(parseKinesisEvent(event));
      return await handlePayload(decodeSubscriptionEvent(event));
    } catch (error) {
      if (error instanceof SubscriptionPayloadError)
        deps.logger.error('rejected an event ingest cannot read', { error });
      throw error;
    }
  }

  const handler = async (event: unknown): Promise<IngestResult> => {
    try {
      // The timer is checked when the container runs: at the start and at the end of every invocation.
      await buffers.flushDue();
      const result = await handle(event);
      await buffers.flushDue();
      return result;
    } finally {
      metricsCadence.publishIfDue();
    }
  };
  return Object.assign(handler, {
    flushAll: async (reason: 'shutdown' | 'requested' = 'requested') => {
      try {
        return await buffers.flushAll(reason);
      } finally {
        metricsCadence.publishNow();
      }
    },
    pending: () => buffers.pending(),
  });
}
