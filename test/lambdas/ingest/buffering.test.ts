import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BufferFullError } from '../../../lambdas/ingest/create-ingest-handler';
import { StateStore } from '../../../lambdas/ingest/state-store';
import {
  applyLogEvents,
  batchKeyOf,
  decodeSubscriptionEvent,
  ServiceAnalysis,
  type AnomalyMessage,
  type SubscriptionEvent,
} from '../../../lambdas/core/pipeline';
import { subscriptionEvent, type LoggedLine } from '../../e2e/support/lambda-events';
import { prepareIngest, useIngestServers, watchedDynamoDb, type IngestWorld } from './ingest-fixture';
import { hdfsLines, merged, MINUTE, sshFailureLines, T0 } from './log-lines';

const servers = useIngestServers();

const GROUP = '/ecs/block-store';
const INTERVAL = 60_000;

/** A clock the test moves: buffering decisions depend on it, never on how fast the machine is. */
function manualClock(start = Date.UTC(2024, 2, 5, 12)): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Learning minutes of HDFS traffic, then minutes where SSH failures (templates the service never logged) appear, then quiet HDFS. */
function scenarioBatches(): LoggedLine[][] {
  return [
    hdfsLines(T0, 600, 500),
    hdfsLines(T0 + 5 * MINUTE, 600, 500, 600),
    merged(hdfsLines(T0 + 10 * MINUTE, 240, 500), sshFailureLines(T0 + 10 * MINUTE, 30, 4000)),
    hdfsLines(T0 + 12 * MINUTE, 240, 500, 240),
    hdfsLines(T0 + 14 * MINUTE, 240, 500, 480),
  ];
}

function stateStore(world: IngestWorld): StateStore {
  return new StateStore({
    client: servers().dynamo.documentClient,
    stateTable: world.tables.minerState,
    countsTable: world.tables.templateCounts,
    outboxTtlDays: 14,
  });
}

function stateWrites(writes: readonly string[], world: IngestWorld): number {
  return writes.filter((w) => w === `PutItem ${world.tables.minerState}`).length;
}

/** The latest form of every anomaly the queue holds, by id (revisions differ between runs; the anomalies must not). */
function latestAnomalies(messages: readonly AnomalyMessage[]): Map<string, AnomalyMessage['anomaly']> {
  const latest = new Map<string, AnomalyMessage>();
  for (const m of messages) if ((latest.get(m.anomaly.id)?.revision ?? 0) < m.revision) latest.set(m.anomaly.id, m);
  return new Map([...latest].sort(([a], [b]) => a.localeCompare(b)).map(([id, m]) => [id, m.anomaly]));
}

function totalLines(counts: ReadonlyMap<number, ReadonlyMap<string, number>>): number {
  let n = 0;
  for (const bucket of counts.values()) for (const lines of bucket.values()) n += lines;
  return n;
}

const keyOf = (event: SubscriptionEvent): string => batchKeyOf(decodeSubscriptionEvent(event));

describe('ingest buffering deliveries in the container between flushes', () => {
  it('writes the service state once per flush, not once per delivery', async () => {
    // Prepare: six deliveries of quiet HDFS traffic ten seconds apart, in one container.
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
    const db = watchedDynamoDb(servers());
    const clock = manualClock();
    const handle = world.container({ documentClient: db.documentClient, now: clock.now });
    const batches = Array.from({ length: 6 }, (_, i) => hdfsLines(T0 + i * 10_000, 20, 500, i * 20));

    // Act: five arrive within the interval; the sixth comes after it, so its invocation first flushes the five.
    const results = [];
    for (const batch of batches.slice(0, 5)) {
      results.push(await handle(subscriptionEvent(GROUP, batch)));
      clock.advance(10_000);
    }
    const writesBeforeFlush = stateWrites(db.writes, world);
    clock.advance(INTERVAL);
    const sixth = await handle(subscriptionEvent(GROUP, batches[5] ?? []));
    const afterFirstFlush = await stateStore(world).load(GROUP);
    const final = await handle.flushAll();
    const counts = await world.counts(GROUP);

    // Assess: nothing written while buffering, one state write per flush, every line counted once.
    expect(results.map((r) => r.outcome)).toEqual(Array(5).fill('buffered'));
    expect(results.map((r) => ('bufferedDeliveries' in r ? r.bufferedDeliveries : 0))).toEqual([1, 2, 3, 4, 5]);
    expect(writesBeforeFlush).toBe(0);
    expect(sixth).toMatchObject({ outcome: 'buffered', bufferedDeliveries: 1 });
    expect({ version: afterFirstFlush.version, keys: afterFirstFlush.flushes.map((f) => f.keys.length) }).toEqual({
      version: 1,
      keys: [5],
    });
    expect(final.flushed.map((f) => [f.version, f.deliveries, f.lines])).toEqual([[2, 1, 20]]);
    expect(stateWrites(db.writes, world)).toBe(2);
    expect(totalLines(counts)).toBe(120);
  });

  it('gives up a shutdown flush that keeps losing commit races within its budget, keeping the buffer', async () => {
    // Prepare: a container whose every state commit is beaten by another writer (the item's version is bumped
    // just before each conditional put), and a delivery in its buffer.
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
    const rival = servers().dynamo.documentClient;
    const db = watchedDynamoDb(servers());
    let commits = 0;
    db.beforeWrite = async (command, input) => {
      const item = input.Item;
      if (
        command !== 'PutItem' ||
        input.TableName !== world.tables.minerState ||
        item?.version === undefined ||
        item.version === 1
      )
        return;
      commits += 1;
      await rival.send(
        new UpdateCommand({
          TableName: world.tables.minerState,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'ADD #v :one',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    };
    const handle = world.container({ documentClient: db.documentClient, now: manualClock().now, maxAttempts: 1000 });
    await handle(subscriptionEvent(GROUP, hdfsLines(T0, 20, 500)));
    await handle.flushAll(); // version 1 lands (the rival only races later commits)
    await handle(subscriptionEvent(GROUP, hdfsLines(T0 + 10_000, 20, 500, 20)));

    // Act
    const shutdown = await handle.flushAll('shutdown');

    // Assess: it stopped long before its 1,000 attempts, reported the service, and still holds the delivery.
    expect(shutdown.failed.map((f) => f.service)).toEqual([GROUP]);
    expect(commits).toBeGreaterThan(0);
    expect(commits).toBeLessThan(1000);
    expect(handle.pending().get(GROUP)).toMatchObject({ deliveries: 1, lines: 20 });
  });

  it('flushes at once when a delivery opens an anomaly, whatever the interval', async () => {
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
    const clock = manualClock();
    const handle = world.container({ now: clock.now });
    const [first, second, failing] = scenarioBatches();

    const quiet = [
      await handle(subscriptionEvent(GROUP, first ?? [])),
      await handle(subscriptionEvent(GROUP, second ?? [])),
    ];
    const anomalous = await handle(subscriptionEvent(GROUP, failing ?? []));
    const messages = await world.messages();

    expect(quiet.map((r) => r.outcome)).toEqual(['buffered', 'buffered']);
    expect(anomalous).toMatchObject({ outcome: 'applied', version: 1 });
    expect(messages.filter((m) => m.anomaly.kind === 'new').length).toBeGreaterThan(0);
    expect(totalLines(await world.counts(GROUP))).toBe(600 + 600 + 270);
  });

  it('ends, after a final flush, with the counts, anomalies and state of committing every delivery', async () => {
    // Prepare: the same deliveries for two deployments, one committing each delivery, one buffering.
    const batches = scenarioBatches();
    const perDelivery = await prepareIngest(servers(), { flushIntervalMs: 0 });
    const buffered = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
    const clock = manualClock();
    const unbufferedHandle = perDelivery.container();
    const bufferedHandle = buffered.container({ now: clock.now });

    // Act
    for (const batch of batches) await unbufferedHandle(subscriptionEvent(GROUP, batch));
    for (const batch of batches) await bufferedHandle(subscriptionEvent(GROUP, batch));
    await bufferedHandle.flushAll();
    const reference = new ServiceAnalysis(GROUP);
    for (const batch of batches)
      applyLogEvents(
        reference,
        batch.map((line, id) => ({ id: String(id), ...line })),
        GROUP,
      );

    // Assess: same counts, same anomalies in their latest form, same state as one uninterrupted analysis.
    expect(await buffered.counts(GROUP)).toEqual(await perDelivery.counts(GROUP));
    expect(latestAnomalies(await buffered.messages())).toEqual(latestAnomalies(await perDelivery.messages()));
    expect((await stateStore(buffered).load(GROUP)).analysis.toState()).toEqual(reference.toState());
    expect((await stateStore(buffered).load(GROUP)).version).toBeLessThan(batches.length);
  });

  it('keeps a delivery that arrives twice while buffered once', async () => {
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
    const handle = world.container({ now: manualClock().now });
    const event = subscriptionEvent(GROUP, hdfsLines(T0, 50, 500));

    await handle(event);
    const again = await handle(event);
    await handle.flushAll();

    expect(again).toMatchObject({ outcome: 'buffered', lines: 0, bufferedDeliveries: 1 });
    expect(totalLines(await world.counts(GROUP))).toBe(50);
  });

  it('keeps the buffer when a flush fails, returns success meanwhile, and delivers it all at a later flush', async () => {
    // Prepare: two deliveries buffered, then DynamoDB becomes unreachable.
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
    const db = watchedDynamoDb(servers());
    const clock = manualClock();
    const handle = world.container({ documentClient: db.documentClient, now: clock.now });
    await handle(subscriptionEvent(GROUP, hdfsLines(T0, 40, 500)));
    await handle(subscriptionEvent(GROUP, hdfsLines(T0 + 20_000, 40, 500, 40)));
    db.failing = true;

    // Act: the interval passes during the outage (the flush at the next invocation fails), then DynamoDB is back.
    clock.advance(INTERVAL);
    const duringOutage = await handle(subscriptionEvent(GROUP, hdfsLines(T0 + 40_000, 40, 500, 80)));
    const failedFlush = await handle.flushAll();
    const pendingDuringOutage = handle.pending().get(GROUP);
    db.failing = false;
    const laterFlush = await handle.flushAll();
    const stored = await stateStore(world).load(GROUP);

    // Assess
    expect(duringOutage).toMatchObject({ outcome: 'buffered', bufferedDeliveries: 3 });
    expect(failedFlush.failed.map((f) => f.service)).toEqual([GROUP]);
    expect(pendingDuringOutage).toEqual({ deliveries: 3, lines: 120 });
    expect(laterFlush.flushed.map((f) => [f.deliveries, f.lines])).toEqual([[3, 120]]);
    expect(stored.flushes.flatMap((f) => f.keys)).toHaveLength(3);
    expect(totalLines(await world.counts(GROUP))).toBe(120);
    expect(handle.pending().get(GROUP)).toEqual({ deliveries: 0, lines: 0 });
  });

  it('refuses a delivery that would pass the cap while the buffer cannot be flushed, and keeps nothing of it', async () => {
    // Prepare: a cap of 100 lines, 60 lines buffered, DynamoDB unreachable.
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL, maxBufferedLines: 100 });
    const db = watchedDynamoDb(servers());
    const handle = world.container({ documentClient: db.documentClient, now: manualClock().now });
    const first = subscriptionEvent(GROUP, hdfsLines(T0, 60, 500));
    const second = subscriptionEvent(GROUP, hdfsLines(T0 + MINUTE, 60, 500, 60));
    await handle(first);
    db.failing = true;

    // Act: the second delivery would take the buffer to 120 lines.
    const refused = handle(second);
    await expect(refused).rejects.toThrow(BufferFullError);
    const pending = handle.pending().get(GROUP);
    db.failing = false;
    await handle.flushAll();
    const afterFirst = await stateStore(world).load(GROUP);
    // Lambda retries the refused delivery.
    const retried = await handle(second);
    await handle.flushAll();

    // Assess
    await expect(refused).rejects.toThrow(
      /holds 60 lines \(1 delivery\), and a delivery of 60 more would pass a cap \(100 lines, 2000 deliveries\), but it cannot be flushed/,
    );
    expect(pending).toEqual({ deliveries: 1, lines: 60 });
    expect(afterFirst.flushes.flatMap((f) => f.keys)).toEqual([keyOf(first)]);
    expect(retried).toMatchObject({ outcome: 'buffered', lines: 60 });
    expect(totalLines(await world.counts(GROUP))).toBe(120);
  });
});

describe('ingest bounding what one commit carries', () => {
  it('flushes when the buffered deliveries reach their cap, however few lines they hold', async () => {
    // Prepare: tiny deliveries (each adds a 12-byte key to the commit), a cap of three, a long interval.
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL, maxBufferedDeliveries: 3 });
    const handle = world.container({ now: manualClock().now });
    const deliveries = Array.from({ length: 5 }, (_, i) =>
      subscriptionEvent(GROUP, hdfsLines(T0 + i * 1_000, 2, 500, i * 2)),
    );

    // Act
    const results = [];
    for (const delivery of deliveries) results.push(await handle(delivery));
    const committed = await stateStore(world).load(GROUP);

    // Assess: the third delivery filled the buffer and was committed with the first two; the rest wait.
    expect(results.map((r) => r.outcome)).toEqual(['buffered', 'buffered', 'applied', 'buffered', 'buffered']);
    expect(committed.flushes.map((f) => f.keys)).toEqual([deliveries.slice(0, 3).map(keyOf)]);
    expect(handle.pending().get(GROUP)).toEqual({ deliveries: 2, lines: 4 });
    expect(totalLines(await world.counts(GROUP))).toBe(6);
  });

  it('refuses a delivery past the deliveries cap when the buffer cannot be flushed', async () => {
    // Prepare: two deliveries buffered under a cap of two, then DynamoDB fails.
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL, maxBufferedDeliveries: 2 });
    const db = watchedDynamoDb(servers());
    const handle = world.container({ documentClient: db.documentClient, now: manualClock().now });
    await handle(subscriptionEvent(GROUP, hdfsLines(T0, 2, 500)));
    db.failing = true;
    const second = await handle(subscriptionEvent(GROUP, hdfsLines(T0 + 1_000, 2, 500, 2)));

    // Act
    const third = handle(subscriptionEvent(GROUP, hdfsLines(T0 + 2_000, 2, 500, 4)));

    // Assess: the second stayed buffered when its flush failed; the third is refused, the buffer keeps two.
    expect(second).toMatchObject({ outcome: 'buffered', bufferedDeliveries: 2 });
    await expect(third).rejects.toThrow(BufferFullError);
    await expect(third).rejects.toThrow(
      /holds 4 lines \(2 deliveries\), and a delivery of 2 more would pass a cap \(200000 lines, 2 deliveries\)/,
    );
    expect(handle.pending().get(GROUP)).toEqual({ deliveries: 2, lines: 4 });
  });
});

describe('several containers buffering the same service', () => {
  it('converge on one serial order of all deliveries: counts exact, each new template reported once', async () => {
    // Prepare: a learned service; three containers, each with its own cache and buffer and three deliveries
    // of its own log stream, the middle one with SSH failures the service never logged (new templates).
    const world = await prepareIngest(servers(), { flushIntervalMs: INTERVAL });
    const clock = manualClock();
    const learning = [hdfsLines(T0, 750, 400), hdfsLines(T0 + 300_000, 750, 400, 750)].map((batch) =>
      subscriptionEvent(GROUP, batch),
    );
    const setup = world.container({ now: clock.now });
    for (const event of learning) await setup(event);
    await setup.flushAll();
    const containers = [0, 1, 2].map(() => world.container({ now: clock.now }));
    const streams = containers.map((_, c) =>
      [0, 1, 2].map((i) => {
        const minute = T0 + (10 + i) * MINUTE + c * 5_000;
        const hdfs = hdfsLines(minute, 80, 700, (c * 240 + i * 80) % 1800);
        return subscriptionEvent(
          GROUP,
          i === 1 ? merged(hdfs, sshFailureLines(minute + 50, 5, 9000, c * 5)) : hdfs,
          `stream-${c}`,
        );
      }),
    );
    const lines = new Map(
      [...learning, ...streams.flat()].map((e) => [keyOf(e), decodeSubscriptionEvent(e).logEvents]),
    );

    // Act: the containers take their deliveries at the same time, then all flush at once (shutdown).
    const results = await Promise.all(
      containers.map(async (handle, c) => {
        const out = [];
        for (const event of streams[c] ?? []) out.push(await handle(event));
        return out;
      }),
    );
    const flushes = await Promise.all(containers.map((handle) => handle.flushAll('shutdown')));
    const stored = await stateStore(world).load(GROUP);
    const counts = await world.counts(GROUP);
    const messages = await world.messages();

    // Assess: every delivery is in exactly one committed flush, and replaying them in commit order gives the stored state.
    const committedKeys = stored.flushes.flatMap((f) => f.keys);
    const concurrentKeys = streams.flat().map(keyOf);
    expect(flushes.flatMap((f) => f.failed)).toEqual([]);
    expect(committedKeys.filter((k) => concurrentKeys.includes(k)).sort()).toEqual([...concurrentKeys].sort());
    expect(new Set(committedKeys).size).toBe(committedKeys.length);
    const serial = new ServiceAnalysis(GROUP);
    const referenceCounts = new Map<string, number>();
    for (const key of committedKeys) {
      for (const [, templates] of applyLogEvents(serial, lines.get(key) ?? [], GROUP).counts.entries())
        for (const [id, n] of templates) referenceCounts.set(id, (referenceCounts.get(id) ?? 0) + n);
    }
    expect(stored.analysis.toState()).toEqual(serial.toState());
    const storedPerTemplate = new Map<string, number>();
    for (const bucket of counts.values())
      for (const [id, n] of bucket) storedPerTemplate.set(id, (storedPerTemplate.get(id) ?? 0) + n);
    expect(new Map([...storedPerTemplate].sort())).toEqual(new Map([...referenceCounts].sort()));
    expect(totalLines(counts)).toBe([...lines.values()].reduce((n, events) => n + events.length, 0));

    // Some flush lost a race and re-applied its buffer on the newer state.
    const attempts = [
      ...results.flat().map((r) => ('attempts' in r ? r.attempts : 1)),
      ...flushes.flatMap((f) => f.flushed.map((x) => x.attempts)),
    ];
    expect(Math.max(...attempts)).toBeGreaterThan(1);

    // The two SSH templates were each reported new by exactly one anomaly.
    const newByTemplate = new Map<string, Set<string>>();
    for (const m of messages.filter((m) => m.anomaly.kind === 'new'))
      newByTemplate.set(m.anomaly.templateId, (newByTemplate.get(m.anomaly.templateId) ?? new Set()).add(m.anomaly.id));
    expect([...newByTemplate.values()].map((ids) => ids.size)).toEqual([1, 1]);
  });
});
