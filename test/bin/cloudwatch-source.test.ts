/**
 * Reads CloudWatch Logs served by moto_server (started here; a missing moto fails the suite): log groups with
 * several streams, read back in pages, merged in time order, throttling retried.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  type FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  readCloudWatchEvents,
  type CloudWatchProgress,
  type FilterLogEventsClient,
} from '../../bin/input/cloudwatch-source';
import type { LogEvent } from '../../lambdas/core/schemas';
import { startMotoServer, type MotoServer } from '../e2e/support/moto-server';
import { LOGHUB_DIR } from '../support/loghub-dir';

const LOGHUB = LOGHUB_DIR;
const lines = (dataset: string, count: number): string[] =>
  readFileSync(path.join(LOGHUB, dataset, `${dataset}_2k.log`), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .slice(0, count);

// Recent times: CloudWatch Logs (and moto) reject events older than 14 days.
const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000;
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

async function collect(source: AsyncIterable<LogEvent>): Promise<LogEvent[]> {
  const out: LogEvent[] = [];
  for await (const event of source) out.push(event);
  return out;
}

describe('readCloudWatchEvents against moto_server', () => {
  let moto: MotoServer;
  let client: CloudWatchLogsClient;
  const api = lines('OpenSSH', 30);
  const db = lines('Zookeeper', 24);
  // JSON messages whose fields have no conventional name: only their values say which is the level and the message.
  const worker = Array.from({ length: 40 }, (_, i) =>
    JSON.stringify({
      at: new Date(T0 + i * 10_000).toISOString(),
      sev: i % 10 === 9 ? 'ERROR' : 'INFO',
      body: `job ${i} finished after ${i * 3} retries on queue ${['alpha', 'beta'][i % 2]}`,
      node: 'w1',
    }),
  );

  // Text messages in a layout the header rules do not know: the level is the second pipe-separated field.
  const queue = Array.from(
    { length: 60 },
    (_, i) =>
      `svc-${i % 3} | ${['INFO', 'DEBUG', 'WARN', 'ERROR'][i % 4]} | pid ${1000 + i} | job ${i} done on ${['alpha', 'beta'][i % 2]}`,
  );

  beforeAll(async () => {
    moto = await startMotoServer();
    client = new CloudWatchLogsClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: CREDENTIALS });
    // Two groups, two streams each; stream events interleave in time (events every 10 s, streams offset by 5 s).
    const put = async (group: string, texts: string[], offset: number): Promise<void> => {
      await client.send(new CreateLogGroupCommand({ logGroupName: group }));
      for (const stream of ['a', 'b']) {
        await client.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
        const events = texts
          .map((message, i) => ({ message, timestamp: T0 + offset + i * 10_000 }))
          .filter((_, i) => (i % 2 === 0) === (stream === 'a'));
        await client.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: events }));
      }
    };
    await put('/aws/lambda/api', api, 0);
    await put('/ecs/db', db, 3_000);
    await put('/ecs/worker', worker, 1_000);
    await put('/ecs/queue', queue, 2_000);
  });
  afterAll(async () => {
    client?.destroy();
    await moto?.stop();
  });

  it('reads every event of every group across pages, merged in time order, with mapped service names', async () => {
    const progress: CloudWatchProgress[] = [];

    const events = await collect(
      readCloudWatchEvents({
        logGroups: ['/aws/lambda/api', '/ecs/db'],
        since: T0,
        until: T0 + 3_600_000,
        client,
        services: { '/aws/lambda/api': 'api' },
        limit: 7,
        onProgress: (p) => progress.push(p),
      }),
    );

    expect(events).toHaveLength(api.length + db.length);
    expect(events.map((e) => e.timestamp)).toEqual([...events.map((e) => e.timestamp)].sort((a, b) => a - b));
    expect(events.filter((e) => e.service === 'api').map((e) => e.message)).toEqual(api);
    expect(events.filter((e) => e.service === '/ecs/db').map((e) => e.message)).toEqual(db);
    expect(
      Math.max(...progress.filter((p) => p.logGroup === '/aws/lambda/api').map((p) => p.pages)),
    ).toBeGreaterThanOrEqual(2);
    expect(progress.filter((p) => p.logGroup === '/ecs/db').at(-1)?.events).toBe(db.length);
  });

  it("learns each group's JSON shape from its first messages and keeps it for every later slice", async () => {
    const events = await collect(
      readCloudWatchEvents({ logGroups: ['/ecs/worker'], since: T0, until: T0 + 3_600_000, client, sliceMs: 60_000 }),
    );

    expect(events).toHaveLength(worker.length);
    expect(events[9]).toMatchObject({ message: 'job 9 finished after 27 retries on queue beta', level: 'ERROR' });
    expect(events.slice(20).every((e) => e.message.startsWith('job '))).toBe(true);
    expect(events.filter((e) => (e as { level?: string }).level === 'ERROR')).toHaveLength(4);
  });

  it("learns each group's text header layout, so events carry the header's length and level as files' do", async () => {
    const events = await collect(
      readCloudWatchEvents({ logGroups: ['/ecs/queue'], since: T0, until: T0 + 3_600_000, client }),
    );

    expect(events).toHaveLength(queue.length);
    for (const [i, event] of events.entries()) {
      const text = queue[i] as string;
      expect(event).toMatchObject({
        message: text,
        level: ['INFO', 'DEBUG', 'WARN', 'ERROR'][i % 4],
        headerLength: text.indexOf('job '),
      });
    }
  });

  it('reads a range in short time slices without losing or repeating an event at their edges', async () => {
    const events = await collect(
      readCloudWatchEvents({
        logGroups: ['/aws/lambda/api'],
        since: T0,
        until: T0 + 3_600_000,
        client,
        services: { '/aws/lambda/api': 'api' },
        sliceMs: 20_000,
        limit: 3,
      }),
    );

    expect(events.map((e) => e.message)).toEqual(api);
  });

  it('reads only the events inside [since, until]', async () => {
    const events = await collect(
      readCloudWatchEvents({
        logGroups: ['/aws/lambda/api'],
        since: T0 + 50_000,
        until: T0 + 99_000,
        client,
        limit: 2,
      }),
    );

    expect(events.map((e) => e.message)).toEqual(api.slice(5, 10));
  });

  it('retries throttled calls with backoff and then succeeds', async () => {
    let failures = 2;
    const waits: number[] = [];
    const throttling: FilterLogEventsClient = {
      send: async (command: FilterLogEventsCommand) => {
        if (failures > 0) {
          failures -= 1;
          throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        }
        return client.send(command);
      },
    };

    const events = await collect(
      readCloudWatchEvents({
        logGroups: ['/ecs/db'],
        since: T0,
        until: T0 + 3_600_000,
        client: throttling,
        retry: { baseDelayMs: 100, maxDelayMs: 1000 },
        sleep: async (ms) => {
          waits.push(ms);
        },
      }),
    );

    expect(events).toHaveLength(db.length);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeLessThan(100);
    expect(waits[1]).toBeLessThan(200);
  });

  it('names the log group when it cannot be read', async () => {
    const reading = collect(
      readCloudWatchEvents({ logGroups: ['/does/not/exist'], since: T0, until: T0 + 1000, client }),
    );

    await expect(reading).rejects.toThrow(/cannot read log group \/does\/not\/exist: ResourceNotFoundException/);
  });

  it('gives up on a call that stays throttled', async () => {
    const alwaysThrottled: FilterLogEventsClient = {
      send: async () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      },
    };

    const reading = collect(
      readCloudWatchEvents({
        logGroups: ['/ecs/db'],
        since: T0,
        until: T0 + 1000,
        client: alwaysThrottled,
        retry: { maxAttempts: 3 },
        sleep: async () => undefined,
      }),
    );

    await expect(reading).rejects.toThrow(/still throttled after 3 attempts/);
  });
});
