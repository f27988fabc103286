import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { encodeSubscriptionEvent, type SubscriptionEvent } from '../../../lambdas/core/pipeline';

export const ACCOUNT = '123456789012';

/** A log line as CloudWatch Logs stores it. */
export interface LoggedLine {
  readonly timestamp: number;
  readonly message: string;
}

let eventSequence = 0;

/** A CloudWatch Logs subscription event (gzip + base64) carrying `lines` of one log stream, as Lambda receives it. */
export function subscriptionEvent(
  logGroup: string,
  lines: readonly LoggedLine[],
  logStream = 'stream-1',
): SubscriptionEvent {
  return encodeSubscriptionEvent({
    messageType: 'DATA_MESSAGE',
    owner: ACCOUNT,
    logGroup,
    logStream,
    subscriptionFilters: ['culprit-ingest'],
    // CloudWatch event ids are long digit strings, unique per event.
    logEvents: lines.map((line) => {
      eventSequence += 1;
      return {
        id: `${line.timestamp}${String(eventSequence).padStart(12, '0')}`,
        timestamp: line.timestamp,
        message: line.message,
      };
    }),
  });
}

/** The record Lambda's SQS event source builds from a received message. */
export function sqsRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? '0',
      SenderId: attributes.SenderId ?? ACCOUNT,
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? '0',
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}

export interface DrainResult {
  readonly invocations: number;
  readonly records: number;
  readonly failures: number;
}

/**
 * Plays Lambda's SQS event source mapping with `reportBatchItemFailures`: receives up to `batchSize` messages,
 * invokes `handler` with them as an SQS event, deletes the ones not reported as failed, and goes on until the
 * queue holds nothing (failed messages come back after their visibility timeout, or move to the DLQ).
 */
export async function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>,
  options: { readonly batchSize?: number; readonly maxInvocations?: number } = {},
): Promise<DrainResult> {
  const arn =
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes
      ?.QueueArn ?? '';
  let invocations = 0;
  let records = 0;
  let failures = 0;
  for (;;) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: options.batchSize ?? 10,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) {
      const counts = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      const waiting =
        Number(counts.Attributes?.ApproximateNumberOfMessages ?? 0) +
        Number(counts.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
      if (waiting === 0) return { invocations, records, failures };
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    invocations += 1;
    if (options.maxInvocations !== undefined && invocations > options.maxInvocations)
      throw new Error(`queue not drained after ${options.maxInvocations} invocations`);
    const response = await handler({ Records: messages.map((message) => sqsRecord(message, arn)) });
    const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    records += messages.length;
    failures += failed.size;
    const done = messages.filter((message) => !failed.has(message.MessageId ?? ''));
    if (done.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: done.map((message, index) => ({ Id: `d${index}`, ReceiptHandle: message.ReceiptHandle ?? '' })),
        }),
      );
    }
  }
}

/** Every message waiting in a queue: received, then made visible again, so the queue is left as it was. */
export async function peekAll(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 60,
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) break;
    all.push(...messages);
  }
  for (let i = 0; i < all.length; i += 10) {
    const entries = all
      .slice(i, i + 10)
      .map((message, index) => ({ Id: `v${index}`, ReceiptHandle: message.ReceiptHandle ?? '', VisibilityTimeout: 0 }));
    await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
  }
  return all;
}
