/** Settings of the ingest path: buffering and how log deliveries reach the function. */
import { z } from 'zod';
import { INGEST_BUFFER_DEFAULTS } from '../pipeline/flush-policy';
import { defineSetting } from './setting';
import { wholeBetween } from './value-schemas';

/**
 * Longest flush interval ingest accepts: 15 minutes, Lambda's longest invocation. Longer delays would make
 * counts lag by more than rank's windows look at, and a shutdown flush more likely to find a long backlog.
 */
export const MAX_FLUSH_INTERVAL_MS = 900_000;

/** Defaults of the Kinesis transport's settings, applied only when `ingestTransport` is `'kinesis'`. */
export const KINESIS_DEFAULTS = {
  /** One shard takes 1 MB/s or 1,000 deliveries/s: about 25,000 lines/s of 200-byte lines at 80 %. */
  kinesisShardCount: 1,
  /** Deliveries per ingest invocation; at ~100 events per delivery, one request per ~50,000 lines. */
  kinesisBatchSize: 500,
  /** Adds at most this much to detection latency, which is counted in minutes anyway. */
  kinesisMaxBatchingWindowSeconds: 10,
} as const;

const kinesisOnly = (value: number) => `${value} with \`ingestTransport: 'kinesis'\`; unused otherwise`;

export const INGEST_SETTINGS = {
  ingestFlushIntervalMs: defineSetting({
    schema: z
      .number()
      .int('must be whole milliseconds')
      .min(0, 'must be 0 (commit every delivery) or more')
      .max(MAX_FLUSH_INTERVAL_MS, `must be at most ${MAX_FLUSH_INTERVAL_MS} (15 minutes)`)
      .default(INGEST_BUFFER_DEFAULTS.flushIntervalMs),
    doc: 'Longest a log delivery waits in an ingest container before it is committed to DynamoDB (0 to 900000).',
    details:
      'Anomaly changes are committed at once whatever this says; counts lag by up to this much, and a container that dies without SIGTERM loses up to this much of its buffer. Each commit costs about 30–60 DynamoDB write units, so at 60000 a quiet service\'s commits cost about 0.5 % of its CloudWatch Logs bill at 1,000 lines/s; 0 commits every delivery (docs/operations.md, "Cost model").',
    unit: 'ms',
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_INGEST_FLUSH_INTERVAL_MS', functions: ['ingest'], key: 'flushIntervalMs' },
  }),
  ingestMaxBufferedLines: defineSetting({
    schema: z.number().int().positive('must be more than 0').default(INGEST_BUFFER_DEFAULTS.maxBufferedLines),
    doc: 'Lines an ingest container buffers per service before a flush is forced (bounds its memory).',
    unit: 'lines',
    where: ['env'],
    env: { variable: 'CULPRIT_INGEST_MAX_BUFFERED_LINES', functions: ['ingest'], key: 'maxBufferedLines' },
  }),
  ingestMaxBufferedDeliveries: defineSetting({
    schema: z.number().int().positive('must be more than 0').default(INGEST_BUFFER_DEFAULTS.maxBufferedDeliveries),
    doc: 'Deliveries an ingest container buffers per service before a flush is forced (bounds a commit).',
    unit: 'deliveries',
    where: ['env'],
    env: {
      variable: 'CULPRIT_INGEST_MAX_BUFFERED_DELIVERIES',
      functions: ['ingest'],
      key: 'maxBufferedDeliveries',
    },
  }),
  ingestTransport: defineSetting({
    schema: z.enum(['lambda', 'kinesis'], { error: 'must be "lambda" or "kinesis"' }).default('lambda'),
    doc: 'How log deliveries reach ingest: "lambda" (one invocation per delivery) or "kinesis" (a stream).',
    details:
      "`'lambda'`: CloudWatch Logs invokes ingest once per delivery, and each invocation is a Lambda request ($0.20 per million) — with many small deliveries (about 100 events each) that alone is about 2 % of the CloudWatch Logs ingestion bill. `'kinesis'`: the log groups write to a Kinesis data stream and one ingest invocation takes up to `kinesisBatchSize` deliveries; the stream costs a shard-hour ($0.015 per hour per shard, about $11 a month) whether logs flow or not, so it pays from roughly 10,000 lines/s when deliveries hold fewer than about 300 events (your average is the `Lines` metric's; docs/operations.md, \"Cost model\").",
    where: ['stack', 'file'],
  }),
  kinesisShardCount: defineSetting({
    schema: wholeBetween(1, 200, 'shards').optional(),
    doc: 'Shards of the Kinesis stream (1 to 200).',
    details:
      'One shard takes 1 MB/s or 1,000 deliveries/s; CloudWatch Logs sends compressed deliveries (measured: about 30 bytes per 200-byte line), so one shard carries about 25,000 lines/s at 80 % of its limit (it depends on how well the lines compress and how many share a delivery).',
    absent: kinesisOnly(KINESIS_DEFAULTS.kinesisShardCount),
    unit: 'shards',
    where: ['stack', 'file'],
  }),
  kinesisBatchSize: defineSetting({
    schema: wholeBetween(1, 10_000, 'records', 'Kinesis event sources take 1 to 10000 records per batch').optional(),
    doc: 'Deliveries (stream records) handed to one ingest invocation, 1 to 10000.',
    absent: kinesisOnly(KINESIS_DEFAULTS.kinesisBatchSize),
    unit: 'records',
    where: ['stack', 'file'],
  }),
  kinesisMaxBatchingWindowSeconds: defineSetting({
    schema: wholeBetween(0, 300, 'seconds', 'Kinesis event sources batch for 0 to 300 seconds').optional(),
    doc: 'Seconds the event source waits to fill an ingest batch, 0 to 300; adds at most this to detection latency.',
    absent: kinesisOnly(KINESIS_DEFAULTS.kinesisMaxBatchingWindowSeconds),
    unit: 'seconds',
    where: ['stack', 'file'],
  }),
} as const;
