import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { messageOf, type KinesisEventRecord } from '../core/pipeline';

/** SQS refuses larger message bodies (256 KiB). */
const MAX_BODY_BYTES = 256 * 1024;

export interface ParkedRecord {
  readonly reason: string;
  readonly eventID: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  /** The record's data as received (base64); left out, with its size given, when it does not fit a message. */
  readonly data?: string;
  readonly dataChars: number;
}

/**
 * Keeps a Kinesis record ingest cannot read in the ingest dead-letter queue, so the shard can move on
 * without losing it: a record that fails the batch would be retried until it ages out, holding up every
 * record behind it. Returns whether the data itself fit in the message.
 */
export async function parkRecord(
  sqs: SQSClient,
  queueUrl: string,
  record: KinesisEventRecord,
  error: unknown,
): Promise<{ readonly withData: boolean }> {
  const base: ParkedRecord = {
    reason: messageOf(error),
    eventID: record.eventID,
    sequenceNumber: record.kinesis.sequenceNumber,
    partitionKey: record.kinesis.partitionKey,
    dataChars: record.kinesis.data.length,
  };
  const full = JSON.stringify({ ...base, data: record.kinesis.data });
  const withData = Buffer.byteLength(full) <= MAX_BODY_BYTES;
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: withData ? full : JSON.stringify(base) }));
  return { withData };
}
