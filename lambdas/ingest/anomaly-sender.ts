import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CulpritError } from '../core/errors';
import { packMessages, type AnomalyMessage, type OutgoingMessage } from '../core/pipeline';

export interface AnomalySenderOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** Attempts per batch for entries SQS reports as failed. @default 5 */
  readonly maxAttempts?: number;
  /** First retry delay; doubled each time, with full jitter. @default 50 */
  readonly baseDelayMs?: number;
}

/** Some messages could not be sent after every retry; the invocation fails and the batch is retried. */
export class SendFailedError extends CulpritError {}

const DEFAULTS = { maxAttempts: 5, baseDelayMs: 50 } as const;

/**
 * Sends anomaly messages in SendMessageBatch calls (at most 10 messages and 256 KiB each). Entries SQS
 * reports as failed are retried (with backoff) unless SQS blames the message itself.
 */
export async function sendAnomalyMessages(
  options: AnomalySenderOptions,
  messages: readonly AnomalyMessage[],
): Promise<number> {
  const outgoing: OutgoingMessage[] = messages.map((message, index) => ({
    id: `m${index}`,
    body: JSON.stringify(message),
  }));
  const batches = packMessages(outgoing);
  await Promise.all(batches.map((batch) => sendBatch(options, batch)));
  return outgoing.length;
}

async function sendBatch(options: AnomalySenderOptions, batch: readonly OutgoingMessage[]): Promise<void> {
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const baseDelayMs = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  let pending = batch;
  for (let attempt = 1; ; attempt++) {
    const result = await options.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: pending.map((m) => ({ Id: m.id, MessageBody: m.body })),
      }),
    );
    const failed = result.Failed ?? [];
    if (failed.length === 0) return;
    const senderFaults = failed.filter((entry) => entry.SenderFault === true);
    if (senderFaults.length > 0 || attempt >= maxAttempts) {
      const detail = failed
        .map((entry) => `${entry.Id ?? '?'}: ${entry.Code ?? ''} ${entry.Message ?? ''}`.trim())
        .join('; ');
      throw new SendFailedError(
        `SendMessageBatch to ${options.queueUrl} failed for ${failed.length} of ${pending.length} messages after ${attempt} attempt(s): ${detail}`,
      );
    }
    const failedIds = new Set(failed.map((entry) => entry.Id));
    pending = pending.filter((m) => failedIds.has(m.id));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * baseDelayMs * 2 ** (attempt - 1)));
  }
}
