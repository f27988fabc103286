import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { resolveAnalysisOptions, type AnalysisOptionsInput } from '../core/analysis';
import { CulpritError } from '../core/errors';
import {
  acceptsLogGroup,
  applyLogEvents,
  batchKeyOf,
  decodeSubscriptionEvent,
  findApplied,
  serviceForLogGroup,
  SubscriptionPayloadError,
  toAnomalyMessage,
  withApplied,
  type Outbox,
  type SubscriptionPayload,
} from '../core/pipeline';
import type { IngestEnv } from '../shared';
import { registerService } from '../shared/service-registry';
import { sendAnomalyMessages } from './anomaly-sender';
import { addCounts } from './counts-writer';
import { NewTemplateClaims } from './new-template-claims';
import { StateStore, type StoredState } from './state-store';

export interface IngestHandlerDeps {
  readonly documentClient: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly env: Pick<IngestEnv, 'anomalyQueueUrl' | 'minerStateTable' | 'templateCountsTable' | 'templateCountsTtlDays' | 'serviceMap' | 'logGroupPrefix'>;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** Analysis options; the pipeline runs the core's defaults, as the CLI does. @default {} */
  readonly analysis?: AnalysisOptionsInput;
  /** Commit attempts when other invocations keep committing first. @default 12 */
  readonly maxAttempts?: number;
  /** Clock for item timestamps and expiry. @default Date.now */
  readonly now?: () => number;
}

export type IngestResult =
  /** Nothing to analyse: a control message, a group outside the prefix, or a delivery without events. */
  | { readonly outcome: 'control-message' | 'outside-prefix' | 'empty'; readonly logGroup: string }
  | {
      readonly outcome: 'applied' | 'redelivered';
      readonly logGroup: string;
      readonly service: string;
      readonly lines: number;
      readonly anomaliesSent: number;
      /** State version holding the batch. */
      readonly version: number;
      /** Commit attempts (1 without contention). */
      readonly attempts: number;
    };

/** Every commit attempt lost to other invocations; the batch is untouched and Lambda retries it. */
export class StateContentionError extends CulpritError {}

const DEFAULTS = { maxAttempts: 12, backoffBaseMs: 25, backoffCapMs: 1000 } as const;

/**
 * The ingest function: a CloudWatch Logs subscription event in, the service's analysis advanced, template
 * counts added and anomaly changes queued for rank. Concurrent invocations for one log group converge
 * (see docs/operations.md, "Ingest and rank: state, concurrency and idempotency").
 */
export function createIngestHandler(deps: IngestHandlerDeps): (event: unknown) => Promise<IngestResult> {
  const now = deps.now ?? Date.now;
  const store = new StateStore({
    client: deps.documentClient,
    stateTable: deps.env.minerStateTable,
    countsTable: deps.env.templateCountsTable,
    outboxTtlDays: deps.env.templateCountsTtlDays,
    ...(deps.analysis === undefined ? {} : { analysis: deps.analysis }),
  });
  const claims = new NewTemplateClaims(deps.documentClient, deps.env.minerStateTable);
  const counts = { client: deps.documentClient, tableName: deps.env.templateCountsTable, ttlDays: deps.env.templateCountsTtlDays };
  const bucketMs = resolveAnalysisOptions(deps.analysis).detect.bucketMs;
  /** The last committed state per service, kept between invocations of this container. */
  const cache = new Map<string, StoredState>();
  const registered = new Set<string>();

  /** Adds the counts, claims new templates and sends the messages of a committed batch. */
  async function deliver(service: string, outbox: Outbox): Promise<number> {
    const [countsResult, claimed] = await Promise.all([addCounts(counts, service, outbox.key, outbox.counts, bucketMs), claims.filter(outbox.messages)]);
    if (claimed.suppressed.length > 0) {
      deps.logger.warn('new-template anomalies not sent: their templates were reported as new before', { ids: claimed.suppressed.map((m) => m.anomaly.id) });
    }
    const sent = await sendAnomalyMessages({ sqs: deps.sqs, queueUrl: deps.env.anomalyQueueUrl }, claimed.send);
    deps.metrics?.addMetric('CountWrites', MetricUnit.Count, countsResult.written);
    deps.metrics?.addMetric('AnomaliesSent', MetricUnit.Count, sent);
    return sent;
  }

  async function ingest(payload: SubscriptionPayload): Promise<IngestResult> {
    const logGroup = payload.logGroup;
    const service = serviceForLogGroup(deps.env.serviceMap, logGroup);
    const key = batchKeyOf(payload);
    if (!registered.has(service)) {
      await registerService({ client: deps.documentClient, tableName: deps.env.templateCountsTable }, service, now(), deps.env.templateCountsTtlDays);
      registered.add(service);
    }
    const maxAttempts = deps.maxAttempts ?? DEFAULTS.maxAttempts;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      // Taken out of the cache while in use: a failed attempt leaves it half-updated.
      const current = cache.get(service) ?? (await store.load(service));
      cache.delete(service);
      const done = findApplied(current.applied, key);
      if (done !== undefined) {
        const outbox = await store.getOutbox(service, done);
        cache.set(service, current);
        if (outbox === undefined) throw new CulpritError(`batch ${key} of ${logGroup} was committed as version ${done.version} but its outbox is gone (expired?)`);
        const sent = await deliver(service, outbox);
        deps.logger.info('batch was already applied; finished its deliveries', { logGroup, service, batchKey: key, version: done.version });
        deps.metrics?.addMetric('BatchesRedelivered', MetricUnit.Count, 1);
        return { outcome: 'redelivered', logGroup, service, lines: 0, anomaliesSent: sent, version: done.version, attempts: attempt };
      }
      const outcome = applyLogEvents(current.analysis, payload.logEvents);
      const version = current.version + 1;
      const outbox: Outbox = {
        key,
        version,
        counts: outcome.counts.toJSON(),
        messages: outcome.anomalies.map((anomaly) => toAnomalyMessage(anomaly, { logGroup, revision: version })),
      };
      await store.putOutbox(service, outbox, now());
      const applied = withApplied(current.applied, { key, version });
      if (!(await store.commit(service, current.version, current.analysis, applied, now()))) {
        deps.metrics?.addMetric('StateConflicts', MetricUnit.Count, 1);
        deps.logger.debug('state changed under this invocation; reloading', { service, attempt, basedOn: current.version });
        await backoff(attempt);
        continue;
      }
      cache.set(service, { version, analysis: current.analysis, applied });
      const sent = await deliver(service, outbox);
      deps.metrics?.addMetric('Lines', MetricUnit.Count, outcome.lines);
      deps.logger.info('batch applied', { logGroup, service, lines: outcome.lines, skipped: outcome.skipped, anomalies: sent, version, attempts: attempt });
      return { outcome: 'applied', logGroup, service, lines: outcome.lines, anomaliesSent: sent, version, attempts: attempt };
    }
    throw new StateContentionError(`state of service ${service} changed under each of ${maxAttempts} attempts to apply batch ${key} of ${logGroup}; nothing was applied`);
  }

  return async (event) => {
    try {
      let payload: SubscriptionPayload;
      try {
        payload = decodeSubscriptionEvent(event);
      } catch (error) {
        if (error instanceof SubscriptionPayloadError) deps.logger.error('rejected an event ingest cannot read', { error });
        throw error;
      }
      if (payload.messageType === 'CONTROL_MESSAGE') {
        deps.logger.info('CloudWatch Logs control message acknowledged', { logGroup: payload.logGroup });
        return { outcome: 'control-message', logGroup: payload.logGroup };
      }
      if (!acceptsLogGroup(payload.logGroup, deps.env.logGroupPrefix)) {
        deps.logger.debug('log group outside the configured prefix; ignored', { logGroup: payload.logGroup });
        return { outcome: 'outside-prefix', logGroup: payload.logGroup };
      }
      if (payload.logEvents.length === 0) return { outcome: 'empty', logGroup: payload.logGroup };
      return await ingest(payload);
    } finally {
      // Only when there is something: an empty publish logs a warning on every invocation.
      if (deps.metrics?.hasStoredMetrics() === true) deps.metrics.publishStoredMetrics();
    }
  };
}

function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(DEFAULTS.backoffCapMs, DEFAULTS.backoffBaseMs * 2 ** (attempt - 1));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
