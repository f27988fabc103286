/**
 * `npx tsx bench/ingest-bench.ts`: what one ingest invocation costs in CPU, and how long a cold container
 * takes to load the function.
 *
 * 1. Throughput: one busy service of a generated scenario (loghub-2k lines) is cut into CloudWatch Logs
 *    deliveries of N events, each gzipped and base64-encoded as CloudWatch Logs sends them (not timed). Each
 *    delivery then goes through the ingest core path with the state in memory, as in a warm container:
 *    decode (base64, gunzip, JSON, zod) → mine and detect (`ServiceAnalysis`, the CLI's parser, miner and
 *    detector) → anomaly messages packed into SQS batches → the state snapshot the commit writes (JSON +
 *    brotli). DynamoDB and SQS calls are left out: they are network time, not CPU.
 * 2. Buffered (what a warm container does since deliveries are buffered, lambdas/core/pipeline/service-buffer.ts):
 *    the same deliveries arrive at `--rate` lines/s (arrival clock; the log's own timestamps drive the detector)
 *    and go through decode → speculative apply; a flush (prepare → state snapshot → outbox) runs when the
 *    flush policy says so (INGEST_BUFFER_DEFAULTS; at once for anomaly changes). Counts the flushes by reason
 *    and the DynamoDB write units each would cost: the state item (compressed state + applied keys), the
 *    outbox, and the counts items (size after each `ADD`, modelled from the attributes it holds). Then feeds
 *    these measurements to the cost model (bench/ingest-cost-model.ts) and prints its table per day at
 *    1,000 / 10,000 / 100,000 lines/s, with a healthy service's anomaly flushes per hour.
 * 3. Cold start: restoring the committed state of that service (gunzip + JSON + miner and detector restore).
 * 4. Module initialisation: the ingest and rank handlers bundled with the project's esbuild options
 *    (lib/defaults/function-defaults.ts), then `require`d in fresh Node processes; the AWS SDK resolves from
 *    node_modules here, from the runtime in Lambda.
 *
 *   --sizes LIST  events per delivery (default 100,1000,5000)
 *   --minutes N   scenario length (default 120)
 *   --seed TEXT   scenario seed (default "ingest-bench")
 *   --loads N     fresh processes per bundle for the init time (default 7)
 *   --rate N      arrival rate of the buffered run, lines/s for the service (default 1000)
 *
 * tsx transpiles on the fly and measured about half the bundle's rate; for timings, bundle first:
 *   npx esbuild bench/ingest-bench.ts --bundle --platform=node --packages=external \
 *     --outfile=test-artifacts/ingest-bench.js && node test-artifacts/ingest-bench.js
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSync } from 'esbuild';
import {
  applyLogEvents,
  batchKeyOf,
  decodeState,
  decodeSubscriptionEvent,
  encodeOutbox,
  encodeState,
  encodeSubscriptionEvent,
  flushReason,
  INGEST_BUFFER_DEFAULTS,
  packMessages,
  ServiceAnalysis,
  ServiceBuffer,
  toAnomalyMessage,
  type FlushReason,
  type PreparedFlush,
  type SubscriptionEvent,
} from '../lambdas/core/pipeline';
import { BUNDLING_DEFAULTS } from '../lib/defaults';
import { flushCount, printCostModel, type BufferedRun } from './ingest-cost-report';
// The scenario module itself: the folder's index also pulls in scripts that run when bundled (require.main).
import { generateScenario } from './scenarios/scenario';

export const INGEST_BENCH_DEFAULTS = {
  sizes: [100, 1000, 5000],
  minutes: 120,
  seed: 'ingest-bench',
  loads: 7,
  rate: 1000,
} as const;

interface Phase {
  decode: number;
  mine: number;
  pack: number;
  snapshot: number;
}

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

type Line = { timestamp: number; message: string };

/**
 * The lines of the service a generated bad deploy breaks (so the run has anomalies to pack), and of a service
 * it leaves alone (for the anomaly flushes of a steady day).
 */
function scenarioLines(
  seed: string,
  minutes: number,
): { service: string; lines: Line[]; healthy: { service: string; lines: Line[] } } {
  const scenario = generateScenario({
    seed,
    kind: 'bad-deploy',
    durationMinutes: minutes,
    services: { min: 3, max: 3 },
    rate: { min: 30, max: 60 },
  });
  const service = scenario.truth.service;
  const byService = new Map<string, Line[]>();
  for (const event of scenario.events()) {
    const lines = byService.get(event.service) ?? [];
    lines.push({ timestamp: event.timestamp, message: event.message });
    byService.set(event.service, lines);
  }
  const [healthyName, healthyLines] = [...byService]
    .filter(([name]) => name !== service)
    .sort((a, b) => b[1].length - a[1].length)[0] ?? [service, []];
  return { service, lines: byService.get(service) ?? [], healthy: { service: healthyName, lines: healthyLines } };
}

function deliveries(
  logGroup: string,
  lines: readonly { timestamp: number; message: string }[],
  size: number,
): SubscriptionEvent[] {
  const out: SubscriptionEvent[] = [];
  for (let from = 0; from < lines.length; from += size) {
    const chunk = lines.slice(from, from + size);
    out.push(
      encodeSubscriptionEvent({
        messageType: 'DATA_MESSAGE',
        owner: '123456789012',
        logGroup,
        logStream: 'bench',
        subscriptionFilters: ['culprit-ingest'],
        logEvents: chunk.map((line, i) => ({ id: String(from + i), timestamp: line.timestamp, message: line.message })),
      }),
    );
  }
  return out;
}

/** Runs every delivery through the core path of one warm container; returns per-invocation phase times. */
function run(
  service: string,
  events: readonly SubscriptionEvent[],
): { phases: Phase[]; lines: number[]; anomalies: number; stateBytes: number; analysis: ServiceAnalysis } {
  const analysis = new ServiceAnalysis(service);
  const phases: Phase[] = [];
  const lines: number[] = [];
  let anomalies = 0;
  let stateBytes = 0;
  let version = 0;
  for (const event of events) {
    let t = process.hrtime.bigint();
    const payload = decodeSubscriptionEvent(event);
    batchKeyOf(payload);
    const decode = ms(t);
    t = process.hrtime.bigint();
    const outcome = applyLogEvents(analysis, payload.logEvents);
    outcome.counts.toJSON();
    const mine = ms(t);
    t = process.hrtime.bigint();
    version += 1;
    const messages = outcome.anomalies.map((a, i) => ({
      id: `m${i}`,
      body: JSON.stringify(toAnomalyMessage(a, { logGroup: payload.logGroup, revision: version })),
    }));
    packMessages(messages);
    const pack = ms(t);
    t = process.hrtime.bigint();
    stateBytes = encodeState(analysis.toState(), service).length;
    const snapshot = ms(t);
    phases.push({ decode, mine, pack, snapshot });
    lines.push(payload.logEvents.length);
    anomalies += outcome.anomalies.length;
  }
  return { phases, lines, anomalies, stateBytes, analysis };
}

/** Bytes DynamoDB bills for one write: the item size rounded up to whole KB (1 WRU per KB). */
const wru = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

/**
 * One warm container buffering every delivery of the service: arrival clock at `rate` lines/s, flushes when
 * the default policy says so, each flush priced in write units as the ingest function would write it.
 */
function runBuffered(service: string, events: readonly SubscriptionEvent[], rate: number): BufferedRun {
  const buffer = new ServiceBuffer(service, { version: 0, analysis: new ServiceAnalysis(service), flushes: [] });
  const policy = INGEST_BUFFER_DEFAULTS;
  const run: BufferedRun = {
    deliveries: 0,
    lines: 0,
    flushes: { interval: 0, lines: 0, deliveries: 0, anomalies: 0 },
    applyMs: 0,
    flushMs: 0,
    wru: { state: 0, outbox: 0, counts: 0 },
    logHours: 0,
    maxAppliedKeys: 0,
    recordBytes: 0,
  };
  /** Per counts item (bucket): bytes of its template attributes and how many batch keys its set holds. */
  const countsItems = new Map<number, { templates: Map<string, number>; batches: number }>();
  let clock = 0;
  let first = Infinity;
  let last = -Infinity;
  const flush = (reason: FlushReason): void => {
    const t = process.hrtime.bigint();
    const prepared: PreparedFlush = buffer.prepare(clock);
    const stateBytes = encodeState(buffer.analysis.toState(), service).length;
    const outboxBytes = encodeOutbox(prepared.outbox).length;
    run.flushMs += ms(t);
    buffer.committed(prepared);
    const keys = prepared.flushes.reduce((n, f) => n + f.keys.length, 0);
    run.maxAppliedKeys = Math.max(run.maxAppliedKeys, keys);
    // State item: compressed state + 12 bytes per applied key + ~20 bytes per flush entry + ~120 bytes of keys and scalars.
    run.wru.state += wru(stateBytes + 12 * keys + 20 * prepared.flushes.length + 120);
    run.wru.outbox += wru(outboxBytes + 80);
    for (const [bucket, templates] of prepared.outbox.counts) {
      const item = countsItems.get(bucket) ?? { templates: new Map<string, number>(), batches: 0 };
      for (const [id] of templates) item.templates.set(id, `t:${id}`.length + 4);
      item.batches += 1;
      countsItems.set(bucket, item);
      const bytes = [...item.templates.values()].reduce((a, b) => a + b, 0) + 17 * item.batches + 120;
      run.wru.counts += wru(bytes);
    }
    run.flushes[reason] += 1;
  };
  for (const event of events) {
    const t = process.hrtime.bigint();
    const payload = decodeSubscriptionEvent(event);
    const key = batchKeyOf(payload);
    run.recordBytes += (event.awslogs.data.length * 3) / 4;
    buffer.add({ key, logGroup: payload.logGroup, events: payload.logEvents, receivedAt: clock });
    run.applyMs += ms(t);
    run.deliveries += 1;
    run.lines += payload.logEvents.length;
    first = Math.min(first, payload.logEvents[0]?.timestamp ?? first);
    last = Math.max(last, payload.logEvents.at(-1)?.timestamp ?? last);
    clock += (payload.logEvents.length / rate) * 1000;
    const reason = flushReason(buffer.load, clock, policy);
    if (reason !== undefined) flush(reason);
  }
  if (buffer.load.deliveries > 0) flush('interval');
  run.logHours = (last - first) / 3_600_000;
  return run;
}

function printBuffered(
  service: string,
  lines: readonly Line[],
  sizes: readonly number[],
  rate: number,
): Map<number, BufferedRun> {
  const { flushIntervalMs, maxBufferedLines, maxBufferedDeliveries } = INGEST_BUFFER_DEFAULTS;
  process.stdout.write(
    `\nbuffered, one warm container, arrival at ${rate} lines/s; policy: interval ${flushIntervalMs / 1000} s, ${maxBufferedLines} lines, ${maxBufferedDeliveries} deliveries:\n`,
  );
  process.stdout.write(
    'events/delivery  deliveries  flushes (interval/lines/deliveries/anomalies)  CPU per 1k lines: apply  per flush  WRU per flush: state  outbox  counts  applied keys (max)  anomaly flushes per log hour\n',
  );
  const runs = new Map<number, BufferedRun>();
  for (const size of sizes) {
    const r = runBuffered(service, deliveries(`/bench/${service}`, lines, size), rate);
    runs.set(size, r);
    const flushes = flushCount(r);
    process.stdout.write(
      `${String(size).padStart(15)}  ${String(r.deliveries).padStart(10)}  ${`${flushes} (${r.flushes.interval}/${r.flushes.lines}/${r.flushes.deliveries}/${r.flushes.anomalies})`.padStart(45)}  ` +
        `${`${((r.applyMs / r.lines) * 1000).toFixed(1)} ms`.padStart(24)}  ${`${(r.flushMs / flushes).toFixed(1)} ms`.padStart(9)}  ` +
        `${(r.wru.state / flushes).toFixed(1).padStart(20)}  ${(r.wru.outbox / flushes).toFixed(1).padStart(6)}  ${(r.wru.counts / flushes).toFixed(1).padStart(6)}  ` +
        `${String(r.maxAppliedKeys).padStart(18)}  ${(r.flushes.anomalies / r.logHours).toFixed(1).padStart(28)}\n`,
    );
  }
  return runs;
}

/** The AWS SDK packages the handlers load; Lambda's runtime provides them, so they are timed apart. */
const SDK = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-sqs', '@aws-sdk/client-eventbridge'];

function moduleInit(loads: number): { name: string; bytes: number; medianMs: number; sdkMs: number }[] {
  const outdir = path.resolve(__dirname, '..', 'test-artifacts', `ingest-bench-${process.pid}`);
  mkdirSync(outdir, { recursive: true });
  try {
    return ['ingest', 'rank'].map((name) => {
      const outfile = path.join(outdir, name, 'index.js');
      buildSync({
        entryPoints: [path.resolve(__dirname, '..', 'lambdas', name, 'handler.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        minify: BUNDLING_DEFAULTS.minify ?? false,
        sourcemap: BUNDLING_DEFAULTS.sourceMap ?? false,
        sourcesContent: BUNDLING_DEFAULTS.sourcesContent ?? false,
        target: BUNDLING_DEFAULTS.target ?? 'node22',
        format: 'cjs',
        external: [...(BUNDLING_DEFAULTS.externalModules ?? [])],
        logLevel: 'error',
      });
      const own: number[] = [];
      const sdk: number[] = [];
      const script =
        `const t0 = process.hrtime.bigint(); for (const m of ${JSON.stringify(SDK)}) require(m); const t1 = process.hrtime.bigint();` +
        `require(${JSON.stringify(outfile)}); const t2 = process.hrtime.bigint();` +
        'process.stdout.write(JSON.stringify([Number(t1 - t0) / 1e6, Number(t2 - t1) / 1e6]));';
      for (let i = 0; i < loads; i++) {
        const child = spawnSync(process.execPath, ['-e', script], {
          cwd: path.resolve(__dirname, '..'),
          encoding: 'utf8',
          env: { ...process.env, NODE_OPTIONS: '' },
        });
        if (child.status !== 0) throw new Error(`loading the ${name} bundle failed: ${child.stderr}`);
        const [sdkMs, ownMs] = JSON.parse(child.stdout) as [number, number];
        sdk.push(sdkMs);
        own.push(ownMs);
      }
      return { name, bytes: statSync(outfile).size, medianMs: percentile(own, 50), sdkMs: percentile(sdk, 50) };
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      minutes: { type: 'string' },
      seed: { type: 'string' },
      loads: { type: 'string' },
      rate: { type: 'string' },
    },
  });
  const sizes = values.sizes === undefined ? [...INGEST_BENCH_DEFAULTS.sizes] : values.sizes.split(',').map(Number);
  const minutes = Number(values.minutes ?? INGEST_BENCH_DEFAULTS.minutes);
  const seed = values.seed ?? INGEST_BENCH_DEFAULTS.seed;
  const loads = Number(values.loads ?? INGEST_BENCH_DEFAULTS.loads);
  const rate = Number(values.rate ?? INGEST_BENCH_DEFAULTS.rate);

  const { service, lines, healthy } = scenarioLines(seed, minutes);
  process.stdout.write(
    `scenario ${seed}: service ${service}, ${lines.length} lines over ${minutes} min; Node ${process.version}\n\n`,
  );
  process.stdout.write(
    'events/delivery  invocations  lines/s (all)  per invocation ms: p50   p90   decode  mine+detect  pack  snapshot   anomaly msgs  state KiB\n',
  );
  let last: ServiceAnalysis | undefined;
  for (const size of sizes) {
    const events = deliveries(`/bench/${service}`, lines, size);
    const result = run(service, events);
    last = result.analysis;
    const totals = result.phases.map((p) => p.decode + p.mine + p.pack + p.snapshot);
    const sum = (pick: (p: Phase) => number): number => result.phases.reduce((s, p) => s + pick(p), 0);
    const allMs = totals.reduce((a, b) => a + b, 0);
    const lineCount = result.lines.reduce((a, b) => a + b, 0);
    const share = (x: number): string => `${((100 * x) / allMs).toFixed(0)}%`.padStart(6);
    process.stdout.write(
      `${String(size).padStart(15)}  ${String(events.length).padStart(11)}  ${String(Math.round((lineCount / allMs) * 1000)).padStart(13)}  ` +
        `${percentile(totals, 50).toFixed(1).padStart(22)} ${percentile(totals, 90).toFixed(1).padStart(5)}  ${share(sum((p) => p.decode))}  ${share(sum((p) => p.mine)).padStart(11)}  ` +
        `${share(sum((p) => p.pack))}  ${share(sum((p) => p.snapshot)).padStart(8)}   ${String(result.anomalies).padStart(12)}  ${(result.stateBytes / 1024).toFixed(1).padStart(9)}\n`,
    );
  }

  const runs = printBuffered(service, lines, sizes, rate);
  const healthyRun = runBuffered(healthy.service, deliveries(`/bench/${healthy.service}`, healthy.lines, 1_000), rate);
  const brokenRun = runs.get(1_000) ?? runBuffered(service, deliveries(`/bench/${service}`, lines, 1_000), rate);
  if (last !== undefined) printCostModel(runs, encodeState(last.toState(), service).length, healthyRun, brokenRun);

  if (last !== undefined) {
    const bytes = encodeState(last.toState(), service);
    const restores: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      new ServiceAnalysis(service, {}, decodeState(bytes, service));
      restores.push(ms(t));
    }
    const templates = last.stats().templates;
    process.stdout.write(
      `\ncold start: restoring the state (${(bytes.length / 1024).toFixed(1)} KiB compressed, ${templates} templates) takes ${percentile(restores, 50).toFixed(1)} ms (median of 5)\n`,
    );
  }

  process.stdout.write(
    `\nmodule initialisation (median of ${loads} fresh processes; the AWS SDK, which Lambda's runtime provides, loaded first and timed apart):\n`,
  );
  for (const init of moduleInit(loads)) {
    process.stdout.write(
      `  ${init.name.padEnd(7)} bundle ${(init.bytes / 1024).toFixed(0).padStart(4)} KiB   require ${init.medianMs.toFixed(1)} ms   (AWS SDK clients before it: ${init.sdkMs.toFixed(1)} ms)\n`,
    );
  }
}

main();
