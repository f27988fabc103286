import { SQSClient } from '@aws-sdk/client-sqs';
import type { AnomalyMessage } from '../../../lambdas/core/pipeline';
import { subscriptionEvent } from '../../e2e/support/lambda-events';
import { type SwitchableProxy, startSwitchableProxy } from '../../e2e/support/switchable-proxy';
import { LOOPBACK_AWS } from '../deploys/local-dynamodb';
import { type IngestWorld, prepareIngest, useIngestServers } from './ingest-fixture';
import { hdfsLines, MINUTE, merged, sshFailureLines, T0 } from './log-lines';

const servers = useIngestServers();

const GROUP = '/ecs/block-store';
const baseline = subscriptionEvent(GROUP, hdfsLines(T0, 1200, 500));
/** A delivery that opens anomalies, so its commit has messages to send. */
const failing = subscriptionEvent(
  GROUP,
  merged(hdfsLines(T0 + 10 * MINUTE, 240, 500), sshFailureLines(T0 + 10 * MINUTE, 30, 4000)),
);
const closing = subscriptionEvent(GROUP, hdfsLines(T0 + 12 * MINUTE, 10, 500));

/** Each message as `anomaly@revision`, sorted: equal lists mean the same messages, each as often. */
const sent = (messages: readonly AnomalyMessage[]): string[] =>
  messages.map((m) => `${m.anomaly.id}@${m.revision}`).sort();

/** The counts and messages of the deliveries run in a container that meets no fault. */
async function faultless(deliveries: readonly unknown[]): Promise<{ counts: unknown; messages: string[] }> {
  const world = await prepareIngest(servers());
  const handle = world.container();
  for (const delivery of deliveries) await handle(delivery);
  return { counts: await world.counts(GROUP), messages: sent(await world.messages()) };
}

describe('a flush committed to DynamoDB whose anomaly messages cannot be sent to SQS', () => {
  let proxy: SwitchableProxy;
  let sqsThroughProxy: SQSClient;
  let world: IngestWorld;

  beforeEach(async () => {
    proxy = await startSwitchableProxy(servers().sqs.endpoint);
    sqsThroughProxy = new SQSClient({ ...LOOPBACK_AWS, endpoint: proxy.endpoint, maxAttempts: 1 });
    world = await prepareIngest(servers());
  });

  afterEach(async () => {
    sqsThroughProxy.destroy();
    await proxy.close();
  });

  it('fails the invocation, and Lambda’s retry in a new container sends each anomaly exactly once', async () => {
    // Prepare: a container whose way to SQS breaks after the baseline.
    const reference = await faultless([baseline, failing]);
    const container = world.container({ sqs: sqsThroughProxy });
    await container(baseline);
    proxy.down();

    // Act: the commit lands, the send fails; Lambda retries the delivery in another container.
    const attempt = container(failing);
    await expect(attempt).rejects.toThrow();
    const queuedDuringOutage = sent(await world.messages());
    proxy.up();
    const retry = await world.container()(failing);

    // Assess
    expect(retry).toMatchObject({ outcome: 'redelivered', version: 2 });
    expect(queuedDuringOutage.filter((m) => m.endsWith('@2'))).toEqual([]);
    expect(reference.messages.filter((m) => m.endsWith('@2')).length).toBeGreaterThan(0);
    expect(sent(await world.messages())).toEqual(reference.messages);
    expect(await world.counts(GROUP)).toEqual(reference.counts);
  });

  it('sends the kept outbox before the next delivery’s in the same container, and its retry loses nothing', async () => {
    // Prepare
    const reference = await faultless([baseline, failing, closing]);
    const container = world.container({ sqs: sqsThroughProxy });
    await container(baseline);
    proxy.down();
    await expect(container(failing)).rejects.toThrow();
    proxy.up();

    // Act: the next delivery reaches the same container first, then Lambda's retry of the failed one.
    const next = await container(closing);
    const afterNext = sent(await world.messages());
    const retry = await container(failing);
    const afterRetry = sent(await world.messages());

    // Assess: nothing lost or changed; the retry may only repeat messages already sent, which rank ignores
    // (test/lambdas/rank/rank-handler.test.ts, 'changes nothing when every message is delivered again').
    expect(next).toMatchObject({ outcome: 'applied', version: 3 });
    expect(afterNext).toEqual(reference.messages);
    expect(retry).toMatchObject({ outcome: 'redelivered', version: 2 });
    expect([...new Set(afterRetry)]).toEqual([...new Set(reference.messages)]);
    expect(afterRetry.filter((m) => !m.endsWith('@2'))).toEqual(reference.messages.filter((m) => !m.endsWith('@2')));
    expect(await world.counts(GROUP)).toEqual(reference.counts);
  });
});
