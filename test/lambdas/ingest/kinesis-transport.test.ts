/**
 * Ingest fed by the Kinesis transport: log groups deliver into a stream, and the event source mapping hands
 * ingest batches of records, each one CloudWatch Logs delivery. DynamoDB on dynalite, SQS on fauxqs.
 */
import {
  decodeSubscriptionEvent,
  encodeKinesisEvent,
  encodeSubscriptionEvent,
  type KinesisEvent,
  type SubscriptionPayload,
} from '../../../lambdas/core/pipeline';
import type { IngestResult } from '../../../lambdas/ingest/create-ingest-handler';
import { subscriptionEvent } from '../../e2e/support/lambda-events';
import { prepareIngest, useIngestServers, watchedDynamoDb } from './ingest-fixture';
import { hdfsLines, merged, MINUTE, sshFailureLines, T0 } from './log-lines';

const servers = useIngestServers();

const GROUP = '/ecs/block-store';
const INTERVAL = 60_000;

const payloadOf = (lines: Parameters<typeof subscriptionEvent>[1]): SubscriptionPayload =>
  decodeSubscriptionEvent(subscriptionEvent(GROUP, lines));

/** Learning traffic, then new SSH failure templates, then quiet traffic: the deliveries of one log group. */
function deliveries(): SubscriptionPayload[] {
  return [
    payloadOf(hdfsLines(T0, 600, 500)),
    payloadOf(hdfsLines(T0 + 5 * MINUTE, 600, 500, 600)),
    payloadOf(merged(hdfsLines(T0 + 10 * MINUTE, 240, 500), sshFailureLines(T0 + 10 * MINUTE, 30, 4000))),
    payloadOf(hdfsLines(T0 + 12 * MINUTE, 240, 500, 240)),
  ];
}

function totalLines(counts: ReadonlyMap<number, ReadonlyMap<string, number>>): number {
  let n = 0;
  for (const bucket of counts.values()) for (const lines of bucket.values()) n += lines;
  return n;
}

function batchOf(result: IngestResult): Extract<IngestResult, { outcome: 'batch' }> {
  if (result.outcome !== 'batch') throw new Error(`expected a batch result, got ${result.outcome}`);
  return result;
}

/** A batch whose record at `index` carries `data` instead of a readable delivery. */
function withBadRecord(event: KinesisEvent, index: number, data: string): KinesisEvent {
  return {
    Records: event.Records.map((record, i) =>
      i === index ? { ...record, kinesis: { ...record.kinesis, data } } : record,
    ),
  };
}

describe('ingest fed by the Kinesis transport', () => {
  it('ends with the counts and anomalies of the same deliveries sent one by one', async () => {
    // Prepare: the same four deliveries for a direct subscription and as one Kinesis batch.
    const payloads = deliveries();
    const direct = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
    const viaStream = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
    const directHandle = direct.container();
    const streamHandle = viaStream.container();

    // Act
    for (const payload of payloads) await directHandle(encodeSubscriptionEvent(payload));
    const result = batchOf(await streamHandle(encodeKinesisEvent(payloads)));
    await directHandle.flushAll();
    await streamHandle.flushAll();

    // Assess: one invocation for four deliveries, nothing reported failed, the same outcome in the tables and queue.
    expect(result).toMatchObject({ records: 4, lines: 600 + 600 + 270 + 240, batchItemFailures: [] });
    expect((result.outcomes.buffered ?? 0) + (result.outcomes.applied ?? 0)).toBe(4);
    expect(await viaStream.counts(GROUP)).toEqual(await direct.counts(GROUP));
    const anomalies = async (world: typeof direct): Promise<string[]> =>
      (await world.messages()).map((m) => `${m.anomaly.kind} ${m.anomaly.template}`).sort();
    expect(await anomalies(viaStream)).toEqual(await anomalies(direct));
    expect((await anomalies(viaStream)).some((a) => a.startsWith('new '))).toBe(true);
  });

  it.each([
    ['not base64', '%%% not base64 %%%', /Kinesis record \d+ is not base64/],
    [
      'not gzip',
      Buffer.from('plain text, not compressed').toString('base64'),
      /Kinesis record \d+ is base64 but not gzip/,
    ],
    [
      'not a subscription payload',
      encodeKinesisEvent([{ wrong: true } as unknown as SubscriptionPayload]).Records[0]?.kinesis.data ?? '',
      /Kinesis record \d+ is not a CloudWatch Logs subscription payload/,
    ],
  ])(
    'parks a record that is %s in the dead-letter queue and ingests the rest of the batch',
    async (_what, data, reason) => {
      // Prepare
      const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
      const handle = world.container();
      const event = withBadRecord(encodeKinesisEvent(deliveries().slice(0, 3)), 1, data);

      // Act
      const result = batchOf(await handle(event));
      await handle.flushAll();
      const parked = await world.parked();

      // Assess: the bad record is kept with its identity, data and reason; the others counted; the shard moves on.
      expect(result.batchItemFailures).toEqual([]);
      expect(result.outcomes.parked).toBe(1);
      expect(parked).toEqual([
        expect.objectContaining({
          sequenceNumber: event.Records[1]?.kinesis.sequenceNumber,
          eventID: event.Records[1]?.eventID,
          data,
        }),
      ]);
      expect(String(parked[0]?.reason)).toMatch(reason);
      expect(totalLines(await world.counts(GROUP))).toBe(600 + 270);
    },
  );

  it('reports the record that failed and every one after it, and counts each line once when Lambda retries them', async () => {
    // Prepare: a cap of two buffered deliveries, and DynamoDB gone after the first record, so the third cannot
    // make room (the second's own flush fails and it stays buffered).
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL, maxBufferedDeliveries: 2 });
    const db = watchedDynamoDb(servers());
    const handle = world.container({ documentClient: db.documentClient });
    const payloads = [
      payloadOf(hdfsLines(T0, 20, 500)),
      payloadOf(hdfsLines(T0 + 10_000, 20, 500, 20)),
      payloadOf(hdfsLines(T0 + 20_000, 20, 500, 40)),
      payloadOf(hdfsLines(T0 + 30_000, 20, 500, 60)),
    ];
    const event = encodeKinesisEvent(payloads);
    await handle(encodeKinesisEvent(payloads.slice(0, 1)));
    db.failing = true;

    // Act: the batch again from the start (the first record is a redelivery of a buffered one), then Lambda's retry
    // from the reported record once DynamoDB is back.
    const failed = batchOf(await handle(event));
    db.failing = false;
    const retried = batchOf(
      await handle({
        Records: event.Records.filter((r) =>
          failed.batchItemFailures.some((f) => f.itemIdentifier === r.kinesis.sequenceNumber),
        ),
      }),
    );
    await handle.flushAll();

    // Assess
    expect(failed.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      event.Records.slice(2).map((r) => r.kinesis.sequenceNumber),
    );
    expect(failed.outcomes).toEqual({ buffered: 2 });
    expect(retried.batchItemFailures).toEqual([]);
    expect(totalLines(await world.counts(GROUP))).toBe(80);
  });

  it('parks only the identity of an unreadable record too large for a queue message, and says so', async () => {
    // Prepare: 300 KB of base64 that is not gzip.
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
    const handle = world.container();
    const huge = Buffer.alloc(225_000, 7).toString('base64');
    const event = withBadRecord(encodeKinesisEvent(deliveries().slice(0, 1)), 0, huge);

    // Act
    const result = batchOf(await handle(event));
    const parked = await world.parked();

    // Assess
    expect(result).toMatchObject({ batchItemFailures: [], outcomes: { parked: 1 } });
    expect(parked).toEqual([
      expect.objectContaining({ sequenceNumber: event.Records[0]?.kinesis.sequenceNumber, dataChars: huge.length }),
    ]);
    expect(parked[0]).not.toHaveProperty('data');
  });

  it('acknowledges a control message CloudWatch Logs writes to the stream', async () => {
    // Prepare
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
    const control: SubscriptionPayload = {
      messageType: 'CONTROL_MESSAGE',
      owner: 'CloudwatchLogs',
      logGroup: '',
      logStream: '',
      subscriptionFilters: [],
      logEvents: [
        { id: '', timestamp: T0, message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.' },
      ],
    };

    // Act
    const result = batchOf(await world.container()(encodeKinesisEvent([control, ...deliveries().slice(0, 1)])));

    // Assess
    expect(result).toMatchObject({
      batchItemFailures: [],
      lines: 600,
      outcomes: { 'control-message': 1, buffered: 1 },
    });
  });

  it('reports a record it could neither read nor park, so it is retried rather than lost', async () => {
    // Prepare: the dead-letter queue does not exist.
    const world = await prepareIngest(servers(), {
      flushIntervalMs: INTERVAL,
      deadLetterQueueUrl: `${servers().sqs.endpoint}/000000000000/no-such-queue`,
    });
    const handle = world.container();
    const event = withBadRecord(encodeKinesisEvent(deliveries().slice(0, 2)), 0, '%%%');

    // Act
    const result = batchOf(await handle(event));

    // Assess
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      event.Records.map((r) => r.kinesis.sequenceNumber),
    );
    expect(handle.pending().size).toBe(0);
  });

  it('rejects a Records event that is not a Kinesis batch, saying so', async () => {
    const world = await prepareIngest(servers());
    const handle = world.container();

    await expect(handle({ Records: [{ eventSource: 'aws:sqs', body: '{}' }] })).rejects.toThrow(
      /ingest event has Records but is not a Kinesis batch: Records\.0\.eventSource/,
    );
  });
});
