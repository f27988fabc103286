import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { CulpritError } from '../core/errors';
import {
  decodeSubscriptionData,
  SubscriptionPayloadError,
  type KinesisEvent,
  type KinesisEventRecord,
  type SubscriptionPayload,
} from '../core/pipeline';

/** A record after a failed one is not attempted: Kinesis retries the batch from the failed record on. */
export class NotAttemptedError extends CulpritError {}

/** What one record came to; `parked` = unreadable, kept in the dead-letter queue. */
export type RecordOutcome =
  | 'buffered'
  | 'applied'
  | 'redelivered'
  | 'control-message'
  | 'outside-prefix'
  | 'empty'
  | 'parked';

export interface KinesisBatchResult {
  readonly outcome: 'batch';
  readonly records: number;
  readonly lines: number;
  readonly outcomes: Partial<Record<RecordOutcome, number>>;
  /** The Lambda response field: the first failed record and every one after it. */
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

export interface KinesisBatchDeps {
  /** Ingests one decoded delivery exactly as a direct subscription event would be. */
  readonly ingest: (
    payload: SubscriptionPayload,
  ) => Promise<{ readonly outcome: Exclude<RecordOutcome, 'parked'>; readonly lines?: number }>;
  /** Keeps an unreadable record (the ingest dead-letter queue). */
  readonly park: (record: KinesisEventRecord, error: SubscriptionPayloadError) => Promise<void>;
  readonly logger: Logger;
  readonly metrics?: Metrics | undefined;
}

/**
 * The ingest function's handling of a Kinesis batch (log groups delivering through a stream): every record is
 * one CloudWatch Logs delivery, ingested in order with Powertools' batch processor. An unreadable record is
 * parked and counted as done, so it cannot hold up the shard; any other failure (DynamoDB unavailable, a full
 * buffer) ends the batch there: that record and the ones after it are reported, Lambda checkpoints before it
 * and retries from it, and records already buffered are recognised by their batch keys when they come again.
 */
export function createKinesisBatchHandler(
  deps: KinesisBatchDeps,
): (event: KinesisEvent) => Promise<KinesisBatchResult> {
  const processor = new BatchProcessor(EventType.KinesisDataStreams);
  return async (event) => {
    const outcomes: Partial<Record<RecordOutcome, number>> = {};
    let lines = 0;
    let failedAt: string | undefined;
    const count = (outcome: RecordOutcome): void => {
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    };

    const handleRecord = async (record: KinesisEventRecord): Promise<void> => {
      const sequenceNumber = record.kinesis.sequenceNumber;
      if (failedAt !== undefined)
        throw new NotAttemptedError(
          `record ${sequenceNumber} not attempted: record ${failedAt} of the batch failed before it`,
        );
      try {
        let payload: SubscriptionPayload;
        try {
          payload = decodeSubscriptionData(record.kinesis.data, `Kinesis record ${sequenceNumber}`);
        } catch (error) {
          if (!(error instanceof SubscriptionPayloadError)) throw error;
          await deps.park(record, error);
          deps.logger.error('parked a Kinesis record ingest cannot read in the ingest dead-letter queue', {
            sequenceNumber,
            eventID: record.eventID,
            error,
          });
          deps.metrics?.addMetric('ParkedRecords', MetricUnit.Count, 1);
          count('parked');
          return;
        }
        const result = await deps.ingest(payload);
        count(result.outcome);
        lines += result.lines ?? 0;
      } catch (error) {
        failedAt = sequenceNumber;
        deps.logger.warn('a Kinesis record failed; it and the records after it are reported for Lambda to retry', {
          sequenceNumber,
          error,
        });
        throw error;
      }
    };

    const response = await processPartialResponse(event, handleRecord, processor, {
      // In order, and none after a failure: the shard's order is the order lines reach the detector.
      processInParallel: false,
      // A batch where every record failed is reported like any other (Lambda retries from the first).
      throwOnFullBatchFailure: false,
    });
    return {
      outcome: 'batch',
      records: event.Records.length,
      lines,
      outcomes,
      batchItemFailures: response.batchItemFailures,
    };
  };
}
