import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Outbox } from '../core/pipeline';
import { sendAnomalyMessages } from './anomaly-sender';
import { addCounts, type CountsTable } from './counts-writer';
import type { NewTemplateClaims } from './new-template-claims';

export interface OutboxDeliveryDeps {
  readonly counts: CountsTable;
  readonly claims: NewTemplateClaims;
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly bucketMs: number;
  readonly logger: Logger;
  readonly metrics?: Metrics | undefined;
}

/** Delivers what a committed flush produced; returns the anomaly messages sent. */
export type DeliverOutbox = (service: string, outbox: Outbox) => Promise<number>;

/**
 * Adds a committed flush's counts (once per outbox key, so a replay adds nothing), claims its new templates and
 * sends its anomaly messages. Every step is safe to repeat, which is what lets a failed delivery be retried.
 */
export function createOutboxDelivery(deps: OutboxDeliveryDeps): DeliverOutbox {
  return async (service, outbox) => {
    const [countsResult, claimed] = await Promise.all([
      addCounts(deps.counts, service, outbox.key, outbox.counts, deps.bucketMs),
      deps.claims.filter(outbox.messages),
    ]);
    if (claimed.suppressed.length > 0) {
      deps.logger.warn('new-template anomalies not sent: their templates were reported as new before', {
        ids: claimed.suppressed.map((m) => m.anomaly.id),
      });
    }
    const sent = await sendAnomalyMessages({ sqs: deps.sqs, queueUrl: deps.queueUrl }, claimed.send);
    deps.metrics?.addMetric('CountWrites', MetricUnit.Count, countsResult.written);
    deps.metrics?.addMetric('AnomaliesSent', MetricUnit.Count, sent);
    return sent;
  };
}
