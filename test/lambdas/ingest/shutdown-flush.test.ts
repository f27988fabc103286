import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { StateStore } from '../../../lambdas/ingest/state-store';
import { ENV } from '../../../lambdas/common';
import { subscriptionEvent } from '../../e2e/support/lambda-events';
import { LOOPBACK_AWS } from '../deploys/local-dynamodb';
import { prepareIngest, startIngestServers, type IngestServers, type IngestWorld } from './ingest-fixture';
import { hdfsLines, T0 } from './log-lines';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
// Inside the project (test-artifacts/ is git-ignored), so the bundle's external `@aws-sdk/*` imports resolve
// from the project's node_modules, as they do from the Lambda runtime.
const outdir = join(PROJECT_ROOT, 'test-artifacts', `shutdown-flush-${process.pid}`);
const bundle = join(outdir, 'index.js');

// The Lambda runtime's part, reduced to what the test needs: load the bundled handler, invoke it for each
// event the test sends over IPC, answer with the result or the error.
const RUNTIME = `
const { handler } = require(process.env.HANDLER_BUNDLE);
process.on('message', async ({ id, event }) => {
  try { process.send({ id, result: await handler(event) }); }
  catch (error) { process.send({ id, error: String(error && error.message || error) }); }
});
process.send({ ready: true });
`;

let servers: IngestServers;

beforeAll(async () => {
  servers = await startIngestServers();
  mkdirSync(outdir, { recursive: true });
  buildSync({
    entryPoints: [join(PROJECT_ROOT, 'lambdas', 'ingest', 'handler.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['@aws-sdk/*'],
    logLevel: 'error',
  });
});

afterAll(async () => {
  rmSync(outdir, { recursive: true, force: true });
  await servers.stop();
});

interface Runtime {
  readonly child: ChildProcess;
  invoke(event: unknown): Promise<Record<string, unknown>>;
  readonly output: () => string;
}

/** The ingest bundle in its own Node process, configured through its environment like the deployed function. */
async function startRuntime(world: IngestWorld, flushIntervalMs: number): Promise<Runtime> {
  const child = spawn(process.execPath, ['-e', RUNTIME], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      PATH: process.env.PATH ?? '',
      HANDLER_BUNDLE: bundle,
      AWS_REGION: LOOPBACK_AWS.region,
      AWS_ACCESS_KEY_ID: LOOPBACK_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOOPBACK_AWS.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: servers.dynamo.endpoint,
      AWS_ENDPOINT_URL_SQS: servers.sqs.endpoint,
      POWERTOOLS_SERVICE_NAME: 'culprit-ingest',
      POWERTOOLS_METRICS_NAMESPACE: 'Culprit',
      [ENV.anomalyQueueUrl]: world.queueUrl,
      [ENV.ingestDeadLetterQueueUrl]: world.deps.env.deadLetterQueueUrl,
      [ENV.minerStateTable]: world.tables.minerState,
      [ENV.templateCountsTable]: world.tables.templateCounts,
      [ENV.templateCountsTtlDays]: '14',
      [ENV.ingestFlushIntervalMs]: String(flushIntervalMs),
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const pending = new Map<number, (answer: Record<string, unknown>) => void>();
  let ids = 0;
  await new Promise<void>((ready, failed) => {
    child.once('exit', (code) =>
      failed(new Error(`the ingest runtime exited with ${String(code)} before it was ready: ${output}`)),
    );
    child.on('message', (message: Record<string, unknown>) => {
      if (message.ready === true) ready();
      else pending.get(Number(message.id))?.(message);
    });
  });
  return {
    child,
    output: () => output,
    invoke: (event) =>
      new Promise((answered) => {
        ids += 1;
        pending.set(ids, answered);
        child.send({ id: ids, event });
      }),
  };
}

describe('the ingest function shutting down (SIGTERM, as Lambda sends it when an extension is registered)', () => {
  it('commits every delivery it buffered before the process exits', async () => {
    // Prepare: a runtime buffering for up to 15 minutes, given three deliveries.
    const world = await prepareIngest(servers);
    const runtime = await startRuntime(world, 900_000);
    const batches = [
      hdfsLines(T0, 120, 500),
      hdfsLines(T0 + 60_000, 120, 500, 120),
      hdfsLines(T0 + 120_000, 120, 500, 240),
    ];
    const answers = [];
    for (const batch of batches) answers.push(await runtime.invoke(subscriptionEvent('/ecs/block-store', batch)));
    const store = new StateStore({
      client: servers.dynamo.documentClient,
      stateTable: world.tables.minerState,
      countsTable: world.tables.templateCounts,
      outboxTtlDays: 14,
    });
    const before = await store.load('/ecs/block-store');

    // Act
    const exited = new Promise<number | null>((done) => runtime.child.once('exit', (code) => done(code)));
    runtime.child.kill('SIGTERM');
    const code = await exited;
    const after = await store.load('/ecs/block-store');
    const counts = await world.counts('/ecs/block-store');

    // Assess: nothing was committed while buffering; at SIGTERM all of it, in one flush.
    expect(answers.map((a) => (a.result as { outcome?: string } | undefined)?.outcome ?? a.error)).toEqual([
      'buffered',
      'buffered',
      'buffered',
    ]);
    expect(before.version).toBe(0);
    expect({ code, output: code === 0 ? '' : runtime.output() }).toEqual({ code: 0, output: '' });
    expect({ version: after.version, deliveries: after.flushes.flatMap((f) => f.keys).length }).toEqual({
      version: 1,
      deliveries: 3,
    });
    expect([...counts.values()].reduce((n, bucket) => n + [...bucket.values()].reduce((a, b) => a + b, 0), 0)).toBe(
      360,
    );
  });
});
