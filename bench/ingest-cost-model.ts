/**
 * What the ingest pipeline adds to a CloudWatch Logs bill, per day, from measured inputs (bench/ingest-bench.ts
 * measures them) and the flush policy. Pure arithmetic, kept apart from the measuring so the model can be
 * read, tested and re-run with other prices or assumptions. docs/operations.md ("Cost model") prints its table.
 */

/** us-east-1 list prices (late 2024; check the current pricing pages). */
export const PRICES = {
  /** CloudWatch Logs standard ingestion, per GiB (billed on the event bytes plus 26 bytes each). */
  cloudWatchPerGiB: 0.5,
  /** Lambda arm64, per GB-second. */
  lambdaPerGbSecond: 0.0000133334,
  /** Lambda, per request (every CloudWatch Logs delivery is one). */
  lambdaPerRequest: 0.2e-6,
  /** DynamoDB on demand, per write request unit (1 KB written). */
  dynamoPerWru: 0.625e-6,
  /** Kinesis Data Streams, provisioned: per shard-hour. */
  kinesisPerShardHour: 0.015,
  /** Kinesis Data Streams, provisioned: per PUT payload unit (each record, in 25 KB units). */
  kinesisPerPutUnit: 0.014e-6,
} as const;

/** How deliveries reach ingest: one Lambda request each, or records of a Kinesis stream read in batches. */
export type Transport =
  | { readonly kind: 'lambda' }
  | {
      readonly kind: 'kinesis';
      /** Records (deliveries) per invocation at most, and the longest wait to fill a batch. */
      readonly batchSize: number;
      readonly batchingWindowSeconds: number;
      /** @default the fewest that keep every shard under 80 % of its write limits */
      readonly shards?: number;
    };

export const LAMBDA_TRANSPORT: Transport = { kind: 'lambda' };

/** A shard takes 1 MB/s or 1,000 records/s; plan for 80 % of it. */
const SHARD_LIMITS = { bytesPerSecond: 1_000_000, recordsPerSecond: 1_000, utilisation: 0.8 } as const;
const PUT_UNIT_BYTES = 25 * 1024;

/** CloudWatch Logs bills each event's bytes plus this. */
export const EVENT_OVERHEAD_BYTES = 26;
const GIB = 1024 ** 3;
const DAY_S = 86_400;

/** A log group's traffic, as CloudWatch Logs hands it to ingest. */
export interface Workload {
  readonly linesPerSecond: number;
  /** Events per subscription delivery: decided by CloudWatch Logs and the producers' batching, not by Culprit. */
  readonly eventsPerDelivery: number;
  /** Average event size in bytes. */
  readonly lineBytes: number;
}

/** What the ingest function measurably costs (bench/ingest-bench.ts), and the function's size. */
export interface IngestCosts {
  /** CPU to decode and apply one line in a warm container, ms (on the measuring machine's full core). */
  readonly applyCpuMsPerLine: number;
  /** CPU of one flush (prepare, compress the state and the outbox), ms. */
  readonly flushCpuMs: number;
  /** Compressed state as committed. */
  readonly stateBytes: number;
  /** Write units of the outbox and of the counts `ADD`s, per flush. */
  readonly outboxWru: number;
  readonly countsWru: number;
  /** Flushes an hour forced by anomaly changes (at once, whatever the policy). */
  readonly anomalyFlushesPerHour: number;
  /** Billed time per invocation beyond the CPU work (runtime, rounding up to the ms), ms. An estimate. */
  readonly invocationOverheadMs: number;
  /** Billed time a flush waits on DynamoDB and SQS round trips, ms. An estimate. */
  readonly flushWaitMs: number;
  /**
   * What ingest writes to its own log group, which CloudWatch Logs bills like any log: per invocation
   * (Lambda's START, END and REPORT lines, about 330 billed bytes, unless the platform logs are quieted), per
   * delivery (its value of the `Lines` metric), per flush (its "flush committed" line) and per container and
   * minute (the rest of the EMF metrics line).
   */
  readonly ownLogBytes: {
    readonly perInvocation: number;
    readonly perDelivery: number;
    readonly perFlush: number;
    readonly perContainerMinute: number;
  };
  /** Compressed bytes per event of a delivery as CloudWatch Logs writes it to a Kinesis record. */
  readonly recordBytesPerEvent: number;
  /** Memory of the function, GB (1,024 MB). */
  readonly memoryGb: number;
  /** Share of a core the function gets at that memory (Lambda: 1 vCPU at 1,769 MB). */
  readonly cpuShare: number;
}

export interface FlushPolicyInput {
  readonly flushIntervalMs: number;
  readonly maxBufferedLines: number;
  readonly maxBufferedDeliveries: number;
  /** Batch keys a state remembers (12 bytes each in every commit) and for how long. */
  readonly appliedKeysKept: number;
  readonly appliedMaxAgeMs: number;
}

export interface DailyCost {
  readonly gib: number;
  readonly cloudWatch: number;
  readonly deliveries: number;
  readonly invocations: number;
  /** Shards of the Kinesis transport (0 for the Lambda transport). */
  readonly shards: number;
  readonly containers: number;
  /** Seconds between a container's regular flushes (interval, or a cap reached first). */
  readonly flushEverySeconds: number;
  readonly flushes: number;
  readonly wruPerFlush: number;
  readonly requests: number;
  readonly compute: number;
  readonly dynamo: number;
  /** Shard-hours and PUT payload units of the Kinesis transport. */
  readonly kinesis: number;
  /** CloudWatch Logs ingestion of ingest's own log lines and metrics. */
  readonly ownLogs: number;
  readonly culprit: number;
  /** Culprit's cost as a fraction of the CloudWatch Logs ingestion charge. */
  readonly share: number;
}

const KEY_BYTES = 12;
/** State item attributes besides the state and keys (keys, version, service, times) and ~20 bytes per flush entry. */
const STATE_ITEM_OVERHEAD_BYTES = 120;
const FLUSH_ENTRY_BYTES = 20;

/**
 * Warm containers holding a service's buffer: twice the average concurrency (deliveries arrive in bursts,
 * and Lambda starts a container whenever all are busy), rounded up, plus one. An assumption, not a
 * measurement; every container flushes on its own, so the DynamoDB cost scales with it.
 */
export function warmContainers(w: Workload, c: IngestCosts): number {
  const deliveriesPerSecond = w.linesPerSecond / w.eventsPerDelivery;
  const secondsPerDelivery =
    (w.eventsPerDelivery * c.applyCpuMsPerLine) / c.cpuShare / 1000 + c.invocationOverheadMs / 1000;
  return Math.ceil(2 * deliveriesPerSecond * secondsPerDelivery) + 1;
}

/** Shards that keep the stream's writes under 80 % of a shard's limits. */
export function shardsNeeded(w: Workload, c: IngestCosts): number {
  const recordsPerSecond = w.linesPerSecond / w.eventsPerDelivery;
  const bytesPerSecond = w.linesPerSecond * c.recordBytesPerEvent;
  const load = Math.max(recordsPerSecond / SHARD_LIMITS.recordsPerSecond, bytesPerSecond / SHARD_LIMITS.bytesPerSecond);
  return Math.max(1, Math.ceil(load / SHARD_LIMITS.utilisation));
}

export interface CostOptions {
  /** @default LAMBDA_TRANSPORT */
  readonly transport?: Transport;
  /** Containers holding the service's buffer. @default warmContainers (Lambda), one per shard (Kinesis) */
  readonly containers?: number;
}

export function dailyCost(w: Workload, c: IngestCosts, p: FlushPolicyInput, options: CostOptions = {}): DailyCost {
  const transport = options.transport ?? LAMBDA_TRANSPORT;
  const lines = w.linesPerSecond * DAY_S;
  const gib = (lines * (w.lineBytes + EVENT_OVERHEAD_BYTES)) / GIB;
  const deliveries = lines / w.eventsPerDelivery;
  let invocations = deliveries;
  let shards = 0;
  let kinesis = 0;
  if (transport.kind === 'kinesis') {
    shards = transport.shards ?? shardsNeeded(w, c);
    // An invocation per full batch, or per batching window while records trickle in (per shard).
    const windows = (shards * DAY_S) / Math.max(1, transport.batchingWindowSeconds);
    invocations = Math.max(deliveries / transport.batchSize, Math.min(deliveries, windows));
    const putUnits =
      deliveries * Math.max(1, Math.ceil((w.eventsPerDelivery * c.recordBytesPerEvent) / PUT_UNIT_BYTES));
    kinesis = shards * 24 * PRICES.kinesisPerShardHour + putUnits * PRICES.kinesisPerPutUnit;
  }
  // Kinesis runs one invocation per shard at a time, so one container per shard holds a buffer.
  const containers = options.containers ?? (transport.kind === 'kinesis' ? shards : warmContainers(w, c));

  // One container's share of the traffic, and what triggers its regular flushes first.
  const linesPerSecond = w.linesPerSecond / containers;
  const deliveriesPerSecond = linesPerSecond / w.eventsPerDelivery;
  const flushEverySeconds = Math.min(
    p.flushIntervalMs / 1000,
    p.maxBufferedLines / linesPerSecond,
    p.maxBufferedDeliveries / deliveriesPerSecond,
  );
  const flushesPerContainer = DAY_S / flushEverySeconds + 24 * c.anomalyFlushesPerHour;
  const flushes = containers * flushesPerContainer;

  // A commit holds its own keys, and other flushes' while they are recent and few enough.
  const ownKeys = deliveriesPerSecond * flushEverySeconds;
  const serviceDeliveriesPerSecond = w.linesPerSecond / w.eventsPerDelivery;
  const keys = Math.max(ownKeys, Math.min(p.appliedKeysKept, serviceDeliveriesPerSecond * (p.appliedMaxAgeMs / 1000)));
  const flushEntries = Math.max(1, (p.appliedMaxAgeMs / 1000 / flushEverySeconds) * containers);
  const stateWru = Math.ceil(
    (c.stateBytes + KEY_BYTES * keys + FLUSH_ENTRY_BYTES * flushEntries + STATE_ITEM_OVERHEAD_BYTES) / 1024,
  );
  const wruPerFlush = stateWru + c.outboxWru + c.countsWru;

  const gbSecond = PRICES.lambdaPerGbSecond * c.memoryGb;
  const cpuSeconds = (lines * c.applyCpuMsPerLine + flushes * c.flushCpuMs) / 1000 / c.cpuShare;
  const compute = gbSecond * (cpuSeconds + (invocations * c.invocationOverheadMs + flushes * c.flushWaitMs) / 1000);
  const requests = invocations * PRICES.lambdaPerRequest;
  const dynamo = flushes * wruPerFlush * PRICES.dynamoPerWru;
  const cloudWatch = gib * PRICES.cloudWatchPerGiB;
  const ownLogBytes =
    invocations * c.ownLogBytes.perInvocation +
    deliveries * c.ownLogBytes.perDelivery +
    flushes * c.ownLogBytes.perFlush +
    containers * (DAY_S / 60) * c.ownLogBytes.perContainerMinute;
  const ownLogs = (ownLogBytes / GIB) * PRICES.cloudWatchPerGiB;
  const culprit = requests + compute + dynamo + kinesis + ownLogs;
  return {
    gib,
    cloudWatch,
    deliveries,
    invocations,
    shards,
    containers,
    flushEverySeconds,
    flushes,
    wruPerFlush,
    requests,
    compute,
    dynamo,
    kinesis,
    ownLogs,
    culprit,
    share: culprit / cloudWatch,
  };
}

/**
 * Smallest delivery size (events) at which the share stays under `target`; undefined when even 10,000-event
 * deliveries (CloudWatch Logs' maximum) do not get there.
 */
export function minEventsPerDelivery(
  w: Omit<Workload, 'eventsPerDelivery'>,
  c: IngestCosts,
  p: FlushPolicyInput,
  target: number,
  options: CostOptions = {},
): number | undefined {
  for (let events = 1; events <= 10_000; events++) {
    if (dailyCost({ ...w, eventsPerDelivery: events }, c, p, options).share < target) return events;
  }
  return undefined;
}
