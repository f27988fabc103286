import { gzipSync } from 'node:zlib';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  decodeState,
  ServiceAnalysis,
  applyLogEvents,
  SubscriptionPayloadError,
  stateKey,
  encodeSubscriptionEvent,
} from '../../../lambdas/core/pipeline';
import { TABLE_KEYS } from '../../../lambdas/common';
import { listServices } from '../../../lambdas/common/dynamodb';
import { subscriptionEvent } from '../../e2e/support/lambda-events';
import { captureStdout } from '../../e2e/support/capture-stdout';
import { prepareIngest, useIngestServers } from './ingest-fixture';
import { hdfsLines, merged, MINUTE, sshFailureLines, T0 } from './log-lines';

const servers = useIngestServers();

const GROUP = '/ecs/block-store';

async function storedVersion(tableName: string, service: string): Promise<number | undefined> {
  const key = stateKey(service);
  const item = await servers().dynamo.documentClient.send(
    new GetCommand({
      TableName: tableName,
      Key: { [TABLE_KEYS.minerState.partitionKey]: key.pk, [TABLE_KEYS.minerState.sortKey]: key.sk },
    }),
  );
  return item.Item?.version as number | undefined;
}

describe('the ingest handler against DynamoDB (dynalite) and SQS (fauxqs)', () => {
  it('mines a delivery into the service state and adds its lines to the counts, one item per minute', async () => {
    const world = await prepareIngest(servers());
    const lines = hdfsLines(T0, 240, 500);

    const result = await world.container()(subscriptionEvent(GROUP, lines));
    const counts = await world.counts(GROUP);

    expect(result).toMatchObject({ outcome: 'applied', service: GROUP, lines: 240, version: 1, attempts: 1 });
    expect([...counts.keys()]).toEqual([T0, T0 + MINUTE]);
    expect([...counts.values()].map((bucket) => [...bucket.values()].reduce((a, b) => a + b, 0))).toEqual([120, 120]);
    expect(await storedVersion(world.tables.minerState, GROUP)).toBe(1);
  });

  it('publishes its lines and anomalies as CloudWatch metrics (embedded metric format) once a minute, every value kept', async () => {
    // Prepare: a container on a clock the test moves; stdout captured (Powertools writes EMF lines there).
    const world = await prepareIngest(servers());
    const metrics = new Metrics({ namespace: 'Culprit', serviceName: 'culprit-ingest' });
    let now = T0;
    const handle = world.container({ metrics, now: () => now });
    const emfLines = (written: readonly string[]): Record<string, unknown>[] =>
      written.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => '_aws' in entry);

    // Act: three deliveries within the minute, a fourth after it.
    const withinTheMinute = await captureStdout(async () => {
      for (let i = 0; i < 3; i++) {
        await handle(subscriptionEvent(GROUP, hdfsLines(T0 + i * 10_000, 10 * (i + 1), 100, i * 30)));
        now += 10_000;
      }
    });
    now += 60_000;
    const afterIt = await captureStdout(() => handle(subscriptionEvent(GROUP, hdfsLines(T0 + 40_000, 5, 100, 90))));
    const published = emfLines([...withinTheMinute, ...afterIt]);

    // Assess: nothing written while the minute lasted, then one EMF line holding every delivery's line count.
    expect(emfLines(withinTheMinute)).toEqual([]);
    expect(published).toEqual([expect.objectContaining({ Lines: [10, 20, 30, 5], service: 'culprit-ingest' })]);
    expect(published[0]).toHaveProperty('CountWrites');
  });

  it('logs each flush with the analysed service under its own key, not Powertools’ reserved `service`', async () => {
    // Prepare: a real Powertools logger at INFO; stdout captured.
    const world = await prepareIngest(servers(), { flushIntervalMs: 60_000 });
    const handle = world.container({ logger: new Logger({ serviceName: 'culprit-ingest', logLevel: 'INFO' }) });

    // Act
    const written = await captureStdout(async () => {
      await handle(subscriptionEvent(GROUP, hdfsLines(T0, 30, 1000)));
      await handle.flushAll();
    });
    const lines = written.map((line) => JSON.parse(line) as Record<string, unknown>);

    // Assess: the function's name stays Powertools', the flush names the log's service, nothing was dropped.
    expect(lines.filter((line) => line.level === 'WARN')).toEqual([]);
    expect(lines.find((line) => line.message === 'flush committed')).toMatchObject({
      service: 'culprit-ingest',
      logService: GROUP,
      deliveries: 1,
      lines: 30,
    });
    expect(lines.find((line) => line.message === 'flush committed')).not.toHaveProperty('keys');
  });

  it('names the service by the configured mapping and registers it for rank', async () => {
    const world = await prepareIngest(servers(), { serviceMap: { [GROUP]: 'block-store' } });

    const result = await world.container()(subscriptionEvent(GROUP, hdfsLines(T0, 10, 1000)));
    const services = await listServices({
      client: servers().dynamo.documentClient,
      tableName: world.tables.templateCounts,
    });

    expect(result).toMatchObject({ outcome: 'applied', service: 'block-store' });
    expect(services).toEqual(['block-store']);
  });

  it('acknowledges a CONTROL_MESSAGE and stores nothing', async () => {
    const world = await prepareIngest(servers());
    const control = encodeSubscriptionEvent({
      messageType: 'CONTROL_MESSAGE',
      owner: 'CloudwatchLogs',
      logGroup: '',
      logStream: '',
      subscriptionFilters: [],
      logEvents: [{ id: '', timestamp: T0, message: 'CWL CONTROL MESSAGE: Checking health of destination Lambda.' }],
    });

    const result = await world.container()(control);

    expect(result).toEqual({ outcome: 'control-message', logGroup: '' });
    expect(
      await listServices({ client: servers().dynamo.documentClient, tableName: world.tables.templateCounts }),
    ).toEqual([]);
  });

  it('drops log groups outside the configured prefix', async () => {
    const world = await prepareIngest(servers(), { logGroupPrefix: '/ecs/' });

    const outside = await world.container()(subscriptionEvent('/aws/lambda/culprit-rank', hdfsLines(T0, 5, 1000)));
    const inside = await world.container()(subscriptionEvent(GROUP, hdfsLines(T0, 5, 1000)));

    expect(outside).toEqual({ outcome: 'outside-prefix', logGroup: '/aws/lambda/culprit-rank' });
    expect(inside).toMatchObject({ outcome: 'applied' });
  });

  it.each([
    ['not base64', { awslogs: { data: '%%% not base64 %%%' } }, /^awslogs\.data is not base64/],
    [
      'not gzip',
      { awslogs: { data: Buffer.from('{"messageType":"DATA_MESSAGE"}').toString('base64') } },
      /^awslogs\.data is base64 but not gzip/,
    ],
    [
      'not the subscription schema',
      {
        awslogs: {
          data: gzipSync(
            JSON.stringify({ messageType: 'DATA_MESSAGE', logGroup: GROUP, logEvents: [{ id: '1', message: 'x' }] }),
          ).toString('base64'),
        },
      },
      /^awslogs\.data is not a CloudWatch Logs subscription payload: owner: .*; logStream: .*; subscriptionFilters: .*; logEvents\.0\.timestamp: /,
    ],
  ])(
    'fails an invocation whose payload is %s, naming the problem, and stores nothing',
    async (_name, event, message) => {
      const world = await prepareIngest(servers());

      const invocation = world.container()(event);

      await expect(invocation).rejects.toThrow(SubscriptionPayloadError);
      await expect(invocation).rejects.toThrow(message);
      expect(await storedVersion(world.tables.minerState, GROUP)).toBeUndefined();
      expect(await world.messages()).toEqual([]);
    },
  );

  it('counts a redelivered batch once and sends its anomalies again', async () => {
    const world = await prepareIngest(servers());
    const handle = world.container();
    await handle(subscriptionEvent(GROUP, hdfsLines(T0, 1200, 500)));
    const failing = subscriptionEvent(
      GROUP,
      merged(hdfsLines(T0 + 10 * MINUTE, 240, 500), sshFailureLines(T0 + 10 * MINUTE, 30, 4000)),
    );
    const closing = subscriptionEvent(GROUP, hdfsLines(T0 + 12 * MINUTE, 10, 500));
    await handle(failing);
    await handle(closing);
    const before = await world.counts(GROUP);
    const messagesBefore = await world.messages();

    const again = await world.container()(closing);
    const after = await world.counts(GROUP);
    const messagesAfter = await world.messages();

    expect(again).toMatchObject({ outcome: 'redelivered', version: 3 });
    expect(after).toEqual(before);
    const fromClosing = messagesBefore.filter((m) => m.revision === 3);
    expect(fromClosing.length).toBeGreaterThan(0);
    expect(messagesAfter.length).toBe(messagesBefore.length + fromClosing.length);
    expect(new Set(messagesAfter.map((m) => `${m.anomaly.id}@${m.revision}`))).toEqual(
      new Set(messagesBefore.map((m) => `${m.anomaly.id}@${m.revision}`)),
    );
  });

  it('restores the state in a new container and continues exactly as one uninterrupted analysis', async () => {
    const world = await prepareIngest(servers());
    const batches = [
      hdfsLines(T0, 1200, 500),
      merged(hdfsLines(T0 + 10 * MINUTE, 240, 500), sshFailureLines(T0 + 10 * MINUTE, 30, 4000)),
      hdfsLines(T0 + 12 * MINUTE, 240, 500),
    ];
    const reference = new ServiceAnalysis(GROUP);
    for (const batch of batches)
      applyLogEvents(
        reference,
        batch.map((line, id) => ({ id: String(id), ...line })),
        GROUP,
      );

    for (const batch of batches) await world.container()(subscriptionEvent(GROUP, batch));
    const key = stateKey(GROUP);
    const item = await servers().dynamo.documentClient.send(
      new GetCommand({
        TableName: world.tables.minerState,
        Key: { [TABLE_KEYS.minerState.partitionKey]: key.pk, [TABLE_KEYS.minerState.sortKey]: key.sk },
      }),
    );

    expect(decodeState(item.Item?.state as Uint8Array, GROUP)).toEqual(reference.toState());
  });
});
