/**
 * A decompression bomb among real deliveries: small on the wire, gigantic unzipped. Ingest must stop
 * unzipping at the payload bound, park the record (Kinesis) or reject the delivery (direct subscription),
 * and go on with the rest. DynamoDB on dynalite, SQS on fauxqs.
 */
import { gzipSync } from 'node:zlib';
import {
  decodeSubscriptionEvent,
  encodeKinesisEvent,
  MAX_SUBSCRIPTION_PAYLOAD_BYTES,
  SubscriptionPayloadError,
} from '../../../lambdas/core/pipeline';
import type { IngestResult } from '../../../lambdas/ingest/create-ingest-handler';
import { subscriptionEvent } from '../../e2e/support/lambda-events';
import { prepareIngest, useIngestServers } from './ingest-fixture';
import { hdfsLines, T0 } from './log-lines';

const servers = useIngestServers();

const GROUP = '/ecs/block-store';

/** base64 of a gzipped payload whose one message is 64 MiB of `a`: about 90 KB on the wire. */
function bombData(): string {
  const head = `{"messageType":"DATA_MESSAGE","owner":"1","logGroup":"${GROUP}","logStream":"s","subscriptionFilters":[],"logEvents":[{"id":"1","timestamp":${T0},"message":"`;
  const body = Buffer.alloc(64 * 1024 * 1024, 'a');
  return gzipSync(Buffer.concat([Buffer.from(head), body, Buffer.from('"}]}')])).toString('base64');
}

describe('a decompression bomb', () => {
  const bomb = bombData();

  it('is refused by the decoder at the bound, naming the bound, without unzipping it all', () => {
    const before = process.memoryUsage().arrayBuffers;

    const decode = () => decodeSubscriptionEvent({ awslogs: { data: bomb } });

    expect(decode).toThrow(SubscriptionPayloadError);
    expect(decode).toThrow(`awslogs.data unzips to more than ${MAX_SUBSCRIPTION_PAYLOAD_BYTES} bytes`);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('in a Kinesis batch is parked in the dead-letter queue while the other records are ingested', async () => {
    // Prepare: a real delivery, the bomb, another real delivery.
    const world = await prepareIngest(servers(), { flushIntervalMs: 0 });
    const handle = world.container();
    const real = (from: number) => decodeSubscriptionEvent(subscriptionEvent(GROUP, hdfsLines(from, 50, 500)));
    const event = encodeKinesisEvent([real(T0), real(T0 + 60_000), real(T0 + 120_000)]);
    const withBomb = {
      Records: event.Records.map((record, i) =>
        i === 1 ? { ...record, kinesis: { ...record.kinesis, data: bomb } } : record,
      ),
    };

    // Act
    const result = (await handle(withBomb)) as Extract<IngestResult, { outcome: 'batch' }>;
    const parked = await world.parked();

    // Assess
    expect(result).toMatchObject({ records: 3, lines: 100, batchItemFailures: [], outcomes: { parked: 1 } });
    expect(parked).toEqual([
      expect.objectContaining({
        sequenceNumber: event.Records[1]?.kinesis.sequenceNumber,
        reason: expect.stringMatching(/unzips to more than \d+ bytes/),
      }),
    ]);
  });

  it('as a direct subscription delivery is rejected with the reason, for Lambda to retry and then dead-letter', async () => {
    const world = await prepareIngest(servers(), { flushIntervalMs: 0 });

    await expect(world.container()({ awslogs: { data: bomb } })).rejects.toThrow(/unzips to more than/);
  });
});
