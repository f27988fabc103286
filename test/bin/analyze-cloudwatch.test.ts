/**
 * `culprit analyze --log-groups NAME... --since 2h --deploys FILE --endpoint URL` against CloudWatch Logs served by
 * moto_server (started here; a missing moto fails the suite). Two log groups of real loghub-2k lines (HDFS,
 * Zookeeper; see data/loghub-2k/LICENSE) put within the last two hours; storage starts printing HDFS's
 * "Got exception while serving" errors a minute after its deploy. Driven in-process through `runAnalyze`, with
 * dummy AWS credentials in the environment as a person would have them.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runAnalyze, type AnalyzeCommandOptions } from '../../bin/commands/analyze';
import type { JsonReport } from '../../bin/output';
import type { LogEvent } from '../../lambdas/core/schemas';
import { buildStream, loghubLines, MINUTE } from '../core/analysis/support/synthetic-stream';
import { startMotoServer, type MotoServer } from '../e2e/support/moto-server';

const STORAGE = '/aws/lambda/storage';
const COORDINATOR = '/ecs/coordinator';
/** Recent, whole minutes: CloudWatch Logs (and moto) reject events older than 14 days; --since 2h must cover all. */
const START = Math.floor(Date.now() / MINUTE) * MINUTE - 100 * MINUTE;
const MINUTES = 45;
const DEPLOY_MINUTE = 28;
const ENV = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** Collects what the command writes. */
function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function run(options: Partial<AnalyzeCommandOptions> & Pick<AnalyzeCommandOptions, 'deploys'>) {
  const stdout = capture();
  const stderr = capture();
  const code = await runAnalyze(
    { logs: [], json: false, ...options },
    { stdout: stdout.stream, stderr: stderr.stream },
  );
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Puts a group's events into one stream, in order, a few thousand per call (PutLogEvents takes at most 10,000). */
async function putGroup(client: CloudWatchLogsClient, group: string, events: readonly LogEvent[]): Promise<void> {
  await client.send(new CreateLogGroupCommand({ logGroupName: group }));
  await client.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'main' }));
  for (let i = 0; i < events.length; i += 2_000) {
    const logEvents = events.slice(i, i + 2_000).map((e) => ({ timestamp: e.timestamp, message: e.message }));
    await client.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: 'main', logEvents }));
  }
}

describe('culprit analyze --log-groups against CloudWatch Logs (moto_server)', () => {
  let moto: MotoServer;
  let dir: string;
  let deploys: string;
  let pushed = 0;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    for (const [key, value] of Object.entries(ENV)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    moto = await startMotoServer();
    const events = buildStream({
      seed: 21,
      start: START,
      minutes: MINUTES,
      services: [
        { name: STORAGE, lines: loghubLines('HDFS', (l) => !/exception/i.test(l)), rate: 2 },
        { name: COORDINATOR, lines: loghubLines('Zookeeper', (l) => / INFO /.test(l)), rate: 1.5 },
      ],
      effects: [
        {
          service: STORAGE,
          from: START + (DEPLOY_MINUTE + 1) * MINUTE,
          to: START + MINUTES * MINUTE,
          add: loghubLines('HDFS', (l) => /exception/i.test(l)),
          rate: 0.4,
        },
      ],
    });
    pushed = events.length;
    const client = new CloudWatchLogsClient({ endpoint: moto.endpoint });
    try {
      await putGroup(
        client,
        STORAGE,
        events.filter((e) => e.service === STORAGE),
      );
      await putGroup(
        client,
        COORDINATOR,
        events.filter((e) => e.service === COORDINATOR),
      );
    } finally {
      client.destroy();
    }
    dir = mkdtempSync(join(tmpdir(), 'culprit-analyze-cw-'));
    deploys = join(dir, 'deploys.jsonl');
    writeFileSync(
      deploys,
      [
        {
          id: 'dpl-coord-3',
          service: COORDINATOR,
          timestamp: new Date(START + 20 * MINUTE).toISOString(),
          version: 'v1.3.0',
        },
        {
          id: 'dpl-storage-7',
          service: STORAGE,
          timestamp: new Date(START + DEPLOY_MINUTE * MINUTE).toISOString(),
          version: 'v2.7.0',
        },
      ]
        .map((d) => JSON.stringify(d))
        .join('\n'),
    );
  });

  afterAll(async () => {
    await moto?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('reads both log groups over the last two hours, names the incident and ranks the bad deploy first', async () => {
    // Prepare
    const html = join(dir, 'report.html');

    // Act
    const { code, stdout, stderr } = await run({
      logGroups: [STORAGE, COORDINATOR],
      since: '2h',
      deploys,
      endpoint: moto.endpoint,
      json: true,
      html,
    });

    // Assess
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.stats.services).toBe(2);
    expect(report.stats.lines).toBe(pushed);
    expect(report.incidents).toHaveLength(1);
    const incident = report.incidents[0];
    expect(incident?.services).toEqual([STORAGE]);
    expect(Date.parse(incident?.start ?? '')).toBeGreaterThan(START + DEPLOY_MINUTE * MINUTE);
    expect(incident?.suspects.map((s) => [s.deployId, s.blamed])).toEqual([
      ['dpl-storage-7', true],
      ['dpl-coord-3', false],
    ]);
    expect(incident?.suspects[0]?.evidence[0]).toMatch(
      /^\/aws\/lambda\/storage's first anomaly came .* after the deploy: a new error template/,
    );
    // The HTML timeline draws each lane from the analyzer's real per-bucket counts, not the before/after fallback.
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('class="rate-series"');
    expect(page).not.toContain('class="rate-after"');
  });

  it('exits 2 with a clear message when given both --logs and --log-groups', async () => {
    // Act
    const { code, stdout, stderr } = await run({
      logs: [dir],
      logGroups: [STORAGE],
      since: '2h',
      deploys,
      endpoint: moto.endpoint,
    });

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('culprit analyze: give either --logs or --log-groups, not both\n');
  });
});
