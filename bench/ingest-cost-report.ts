/**
 * The cost part of `npm run bench:ingest`: what ingest writes to its own log group, measured with Powertools,
 * and the cost model (bench/ingest-cost-model.ts) fed with the bench's buffered runs, printed as the per-day
 * table docs/operations.md records.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  APPLIED_KEYS_KEPT,
  APPLIED_MAX_AGE_MS,
  INGEST_BUFFER_DEFAULTS,
  type FlushReason,
} from '../lambdas/core/pipeline';
import { CONFIG_DEFAULTS } from '../lib/defaults';
import {
  dailyCost,
  LAMBDA_TRANSPORT,
  minEventsPerDelivery,
  type IngestCosts,
  type Transport,
} from './ingest-cost-model';

/** What one warm container's buffered run measured (bench/ingest-bench.ts, runBuffered). */
export interface BufferedRun {
  deliveries: number;
  lines: number;
  flushes: Record<FlushReason, number>;
  /** CPU: decode + speculative apply of every delivery; prepare + state snapshot + outbox of every flush. */
  applyMs: number;
  flushMs: number;
  wru: { state: number; outbox: number; counts: number };
  /** Hours of log the run covered (log timestamps), for anomaly flushes per hour. */
  logHours: number;
  maxAppliedKeys: number;
  /** Compressed bytes of the deliveries, as a Kinesis record holds each. */
  recordBytes: number;
}

export const flushCount = (r: BufferedRun): number =>
  r.flushes.interval + r.flushes.lines + r.flushes.deliveries + r.flushes.anomalies;

/** Bytes CloudWatch Logs bills for what `write` prints to stdout: each line plus 26. */
function billedStdout(write: () => void): number {
  const lines: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array): boolean => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((line) => line !== ''),
    );
    return true;
  }) as typeof process.stdout.write;
  try {
    write();
  } finally {
    process.stdout.write = original;
  }
  return lines.reduce((n, line) => n + Buffer.byteLength(line) + 26, 0);
}

/**
 * What ingest writes to its own log group, measured with Powertools as the function runs it: the "flush
 * committed" line, and the EMF lines of a container's minute: a fixed part, and one `Lines` value per delivery
 * (published in lines of 100 values). Lambda's platform lines are off for ingest.
 */
function measureOwnLogs(): IngestCosts['ownLogBytes'] {
  const env = {
    POWERTOOLS_SERVICE_NAME: 'culprit-ingest',
    POWERTOOLS_METRICS_NAMESPACE: 'Culprit',
    AWS_LAMBDA_FUNCTION_NAME: 'Culprit-IngestFunction-AbCdEf123456',
  };
  Object.assign(process.env, env);
  const logger = new Logger({ logLevel: 'INFO' });
  const perFlush = billedStdout(() =>
    logger.info('flush committed', {
      logService: 'checkout',
      reason: 'interval',
      version: 1234,
      deliveries: 600,
      lines: 60_000,
      attempts: 1,
      anomaliesSent: 0,
    }),
  );
  const metrics = new Metrics();
  const minute = (deliveries: number): number =>
    billedStdout(() => {
      for (let i = 0; i < deliveries; i++) metrics.addMetric('Lines', MetricUnit.Count, 80 + (i % 50));
      metrics.addMetric('Flushes', MetricUnit.Count, 1);
      metrics.addMetric('FlushedDeliveries', MetricUnit.Count, deliveries);
      metrics.addMetric('CountWrites', MetricUnit.Count, 5);
      metrics.addMetric('AnomaliesSent', MetricUnit.Count, 0);
      metrics.publishStoredMetrics();
    });
  const one = minute(1);
  return { perInvocation: 0, perDelivery: (minute(1_001) - one) / 1_000, perFlush, perContainerMinute: one };
}

const COST_RATES = [1_000, 10_000, 100_000] as const;
const COST_SIZES = [100, 300, 1_000, 5_000] as const;
/** Lambda at 1,024 MB gets 1024/1769 of a vCPU. */
const CPU_SHARE_1024 = 1024 / 1769;

/** The cost model (bench/ingest-cost-model.ts) fed with this run's measurements. */
export function printCostModel(
  runs: ReadonlyMap<number, BufferedRun>,
  stateBytes: number,
  healthy: BufferedRun,
  broken: BufferedRun,
): void {
  const ownLogBytes = measureOwnLogs();
  const nearest = (size: number): BufferedRun => {
    const measured = [...runs.keys()].sort((a, b) => Math.abs(a - size) - Math.abs(b - size))[0] ?? size;
    const run = runs.get(measured);
    if (run === undefined) throw new Error('the cost model needs at least one buffered run');
    return run;
  };
  const costsFor = (size: number, anomalyFlushesPerHour: number): IngestCosts => {
    const r = nearest(size);
    const flushes = flushCount(r);
    return {
      applyCpuMsPerLine: r.applyMs / r.lines,
      flushCpuMs: r.flushMs / flushes,
      stateBytes,
      outboxWru: r.wru.outbox / flushes,
      countsWru: r.wru.counts / flushes,
      anomalyFlushesPerHour,
      invocationOverheadMs: 1,
      flushWaitMs: 50,
      recordBytesPerEvent: r.recordBytes / r.lines,
      ownLogBytes,
      memoryGb: 1,
      cpuShare: CPU_SHARE_1024,
    };
  };
  const steady = healthy.flushes.anomalies / healthy.logHours;
  const incident = broken.flushes.anomalies / broken.logHours;
  const policy = { ...INGEST_BUFFER_DEFAULTS, appliedKeysKept: APPLIED_KEYS_KEPT, appliedMaxAgeMs: APPLIED_MAX_AGE_MS };
  const usd = (x: number): string => `$${x < 0.1 ? x.toFixed(4) : x.toFixed(2)}`;
  const kinesis: Transport = {
    kind: 'kinesis',
    batchSize: CONFIG_DEFAULTS.kinesisBatchSize,
    batchingWindowSeconds: CONFIG_DEFAULTS.kinesisMaxBatchingWindowSeconds,
  };
  process.stdout.write(
    `\ningest's own log lines, billed bytes: ${ownLogBytes.perFlush} per flush, ${ownLogBytes.perContainerMinute} per container-minute + ${ownLogBytes.perDelivery.toFixed(1)} per delivery (EMF), none per invocation (platform lines off)\n` +
      `\ncost per day (bench/ingest-cost-model.ts; 200-byte lines; state ${(stateBytes / 1024).toFixed(1)} KiB; anomaly flushes ${steady.toFixed(1)}/h, a healthy service's;` +
      ` kinesis: batches of ${kinesis.batchSize}, ${kinesis.batchingWindowSeconds} s window, shards for 80 % load):\n` +
      '| lines/s | events per delivery | transport | GiB/day | CloudWatch Logs | containers | flush every | flushes/day | WRU/flush | Lambda requests | Lambda compute | DynamoDB | Kinesis | own logs | Culprit | share |\n' +
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n',
  );
  for (const linesPerSecond of COST_RATES) {
    for (const eventsPerDelivery of COST_SIZES) {
      for (const transport of [LAMBDA_TRANSPORT, kinesis]) {
        const d = dailyCost(
          { linesPerSecond, eventsPerDelivery, lineBytes: 200 },
          costsFor(eventsPerDelivery, steady),
          policy,
          { transport },
        );
        process.stdout.write(
          `| ${linesPerSecond.toLocaleString('en-US')} | ${eventsPerDelivery.toLocaleString('en-US')} | ${transport.kind === 'lambda' ? 'lambda' : `kinesis (${d.shards})`} | ${d.gib.toFixed(1)} | ${usd(d.cloudWatch)} | ` +
            `${d.containers} | ${d.flushEverySeconds.toFixed(0)} s | ${Math.round(d.flushes).toLocaleString('en-US')} | ${d.wruPerFlush.toFixed(0)} | ${usd(d.requests)} | ${usd(d.compute)} | ${usd(d.dynamo)} | ` +
            `${transport.kind === 'lambda' ? '–' : usd(d.kinesis)} | ${usd(d.ownLogs)} | ${usd(d.culprit)} | ${(100 * d.share).toFixed(2)} % |\n`,
        );
      }
    }
  }
  process.stdout.write(
    "\nsmallest delivery (events) that keeps the share under 1 %: lambda transport steady / with the broken service's anomaly flushes all day; kinesis transport steady:\n",
  );
  for (const linesPerSecond of COST_RATES) {
    const at = (perHour: number, transport: Transport): string =>
      String(
        minEventsPerDelivery({ linesPerSecond, lineBytes: 200 }, costsFor(1_000, perHour), policy, 0.01, {
          transport,
        }) ?? 'none',
      );
    process.stdout.write(
      `  ${linesPerSecond.toLocaleString('en-US').padStart(7)} lines/s: ${at(steady, LAMBDA_TRANSPORT)} / ${at(incident, LAMBDA_TRANSPORT)}; kinesis ${at(steady, kinesis)} (incident: ${incident.toFixed(1)} anomaly flushes/h)\n`,
    );
  }
}
