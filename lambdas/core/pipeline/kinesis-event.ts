import { z } from 'zod';
import { SubscriptionPayloadError } from './errors';
import { encodeSubscriptionEvent, type SubscriptionPayload } from './subscription-payload';
import { describeZodIssues } from './zod-problems';

/**
 * What a Kinesis event source mapping hands ingest when log groups deliver through a Kinesis stream: each
 * record's `data` is base64 of one gzipped CloudWatch Logs subscription payload (the same bytes a direct
 * Lambda subscription puts in `awslogs.data`). Only the fields ingest reads are required.
 */
export const kinesisEventSchema = z.object({
  Records: z
    .array(
      z.looseObject({
        eventSource: z.literal('aws:kinesis'),
        eventID: z.string(),
        kinesis: z.looseObject({ data: z.string(), sequenceNumber: z.string().min(1), partitionKey: z.string() }),
      }),
    )
    .min(1),
});

export type KinesisEvent = z.infer<typeof kinesisEventSchema>;
export type KinesisEventRecord = KinesisEvent['Records'][number];

/** An event with a `Records` list is a batch from an event source mapping, not a direct subscription delivery. */
export function isRecordsEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && 'Records' in event;
}

/** Validates a Kinesis batch; throws {@link SubscriptionPayloadError} saying what is wrong with it. */
export function parseKinesisEvent(event: unknown): KinesisEvent {
  const parsed = kinesisEventSchema.safeParse(event);
  if (!parsed.success)
    throw new SubscriptionPayloadError(
      `ingest event has Records but is not a Kinesis batch: ${describeZodIssues(parsed.error)}`,
      { cause: parsed.error },
    );
  return parsed.data;
}

/**
 * A Kinesis batch as the event source mapping builds it from records CloudWatch Logs wrote (tests and
 * benchmarks); sequence numbers count up from `firstSequence`.
 */
export function encodeKinesisEvent(
  payloads: readonly SubscriptionPayload[],
  firstSequence = 49_000_000_000_000_000_000n,
): KinesisEvent {
  return {
    Records: payloads.map((payload, index) => {
      const sequenceNumber = String(firstSequence + BigInt(index));
      return {
        eventSource: 'aws:kinesis' as const,
        eventID: `shardId-000000000000:${sequenceNumber}`,
        kinesis: {
          data: encodeSubscriptionEvent(payload).awslogs.data,
          sequenceNumber,
          partitionKey: payload.logStream,
        },
      };
    }),
  };
}
