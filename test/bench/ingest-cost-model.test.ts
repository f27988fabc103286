/**
 * The cost model behind docs/operations.md's table: its terms must be the prices times what the pipeline
 * does, and its verdicts must follow from them.
 */
import {
  dailyCost,
  minEventsPerDelivery,
  PRICES,
  shardsNeeded,
  type FlushPolicyInput,
  type IngestCosts,
  type Transport,
} from '../../bench/ingest-cost-model';

const COSTS: IngestCosts = {
  applyCpuMsPerLine: 0.0027,
  flushCpuMs: 2,
  stateBytes: 32 * 1024,
  outboxWru: 2,
  countsWru: 5,
  anomalyFlushesPerHour: 0,
  invocationOverheadMs: 1,
  flushWaitMs: 50,
  recordBytesPerEvent: 30,
  ownLogBytes: { perInvocation: 0, perDelivery: 0, perFlush: 0, perContainerMinute: 0 },
  memoryGb: 1,
  cpuShare: 1024 / 1769,
};

const POLICY: FlushPolicyInput = {
  flushIntervalMs: 300_000,
  maxBufferedLines: 200_000,
  maxBufferedDeliveries: 2_000,
  appliedKeysKept: 2_000,
  appliedMaxAgeMs: 600_000,
};

describe('the ingest cost model', () => {
  it('charges one Lambda request per delivery and CloudWatch Logs per GiB of events plus 26 bytes each', () => {
    // Act
    const day = dailyCost({ linesPerSecond: 1_000, eventsPerDelivery: 100, lineBytes: 200 }, COSTS, POLICY);

    // Assess
    expect(day.deliveries).toBe(864_000);
    expect(day.requests).toBeCloseTo(864_000 * PRICES.lambdaPerRequest, 10);
    expect(day.gib).toBeCloseTo((86_400_000 * 226) / 1024 ** 3, 6);
    expect(day.cloudWatch).toBeCloseTo(day.gib * 0.5, 6);
    expect(day.share).toBeCloseTo(day.culprit / day.cloudWatch, 10);
  });

  it('flushes a quiet container on the interval and a busy one when a cap is reached first', () => {
    // Act
    const quiet = dailyCost({ linesPerSecond: 100, eventsPerDelivery: 100, lineBytes: 200 }, COSTS, POLICY, {
      containers: 1,
    });
    const manyLines = dailyCost({ linesPerSecond: 10_000, eventsPerDelivery: 1_000, lineBytes: 200 }, COSTS, POLICY, {
      containers: 1,
    });
    const manyDeliveries = dailyCost({ linesPerSecond: 1_000, eventsPerDelivery: 2, lineBytes: 200 }, COSTS, POLICY, {
      containers: 1,
    });

    // Assess
    expect(quiet.flushEverySeconds).toBe(300);
    expect(quiet.flushes).toBe(288);
    expect(manyLines.flushEverySeconds).toBe(20);
    expect(manyDeliveries.flushEverySeconds).toBe(4);
  });

  it('prices a commit by its compressed state and the batch keys it remembers, and scales with the containers', () => {
    // Act: 0.1 deliveries/s remembers 60 keys; 100 deliveries/s hits the 2,000-key bound.
    const few = dailyCost({ linesPerSecond: 10, eventsPerDelivery: 100, lineBytes: 200 }, COSTS, POLICY, {
      containers: 1,
    });
    const many = dailyCost({ linesPerSecond: 10_000, eventsPerDelivery: 100, lineBytes: 200 }, COSTS, POLICY, {
      containers: 1,
    });
    const twoContainers = dailyCost({ linesPerSecond: 10, eventsPerDelivery: 100, lineBytes: 200 }, COSTS, POLICY, {
      containers: 2,
    });

    // Assess
    expect(few.wruPerFlush).toBe(32 + 1 + 2 + 5);
    expect(many.wruPerFlush).toBe(Math.ceil((32 * 1024 + 12 * 2_000 + 20 * 30 + 120) / 1024) + 2 + 5);
    expect(twoContainers.dynamo).toBeGreaterThan(1.9 * few.dynamo);
  });

  it('adds the anomaly flushes to the regular ones', () => {
    // Act
    const steady = dailyCost({ linesPerSecond: 100, eventsPerDelivery: 100, lineBytes: 200 }, COSTS, POLICY, {
      containers: 1,
    });
    const incident = dailyCost(
      { linesPerSecond: 100, eventsPerDelivery: 100, lineBytes: 200 },
      { ...COSTS, anomalyFlushesPerHour: 30 },
      POLICY,
      { containers: 1 },
    );

    // Assess
    expect(incident.flushes - steady.flushes).toBe(720);
  });

  it('finds the smallest delivery that keeps the share under the target', () => {
    // Act
    const events = minEventsPerDelivery({ linesPerSecond: 10_000, lineBytes: 200 }, COSTS, POLICY, 0.01);

    // Assess: under the target there, not one event fewer (the request fee alone is $1 per GiB-ish / events).
    expect(events).toBeDefined();
    const at = dailyCost({ linesPerSecond: 10_000, eventsPerDelivery: events ?? 0, lineBytes: 200 }, COSTS, POLICY);
    const below = dailyCost(
      { linesPerSecond: 10_000, eventsPerDelivery: (events ?? 0) - 1, lineBytes: 200 },
      COSTS,
      POLICY,
    );
    expect(at.share).toBeLessThan(0.01);
    expect(below.share).toBeGreaterThanOrEqual(0.01);
  });

  it('says when no delivery size reaches the target', () => {
    // Act: a flush every second of a 400 KB state cannot be paid for by any delivery size.
    const events = minEventsPerDelivery(
      { linesPerSecond: 10, lineBytes: 200 },
      { ...COSTS, stateBytes: 400_000, anomalyFlushesPerHour: 3_600 },
      POLICY,
      0.01,
    );

    // Assess
    expect(events).toBeUndefined();
  });

  describe('with the Kinesis transport', () => {
    const KINESIS: Transport = { kind: 'kinesis', batchSize: 500, batchingWindowSeconds: 10 };

    it('replaces a request per delivery by one per batch or window, and adds shard-hours and PUT units', () => {
      // Act: 100 deliveries/s of 100 events (3 KB compressed each: one PUT unit), one shard.
      const day = dailyCost({ linesPerSecond: 10_000, eventsPerDelivery: 100, lineBytes: 200 }, COSTS, POLICY, {
        transport: KINESIS,
      });

      // Assess
      expect(day.shards).toBe(1);
      expect(day.invocations).toBeCloseTo(8_640_000 / 500, 6);
      expect(day.requests).toBeCloseTo((8_640_000 / 500) * PRICES.lambdaPerRequest, 10);
      expect(day.kinesis).toBeCloseTo(24 * PRICES.kinesisPerShardHour + 8_640_000 * PRICES.kinesisPerPutUnit, 10);
      expect(day.containers).toBe(1);
    });

    it('invokes once per batching window per shard when records trickle in', () => {
      // Act: one delivery every 2 s fills no batch; the 10 s window sends what came.
      const day = dailyCost({ linesPerSecond: 50, eventsPerDelivery: 100, lineBytes: 200 }, COSTS, POLICY, {
        transport: KINESIS,
      });

      // Assess
      expect(day.invocations).toBeCloseTo(8_640, 6);
    });

    it('sizes the stream by the busier of its two write limits, at 80 %', () => {
      // Assess: 100,000 lines/s at 30 bytes each is 3 MB/s (4 shards); 2,000 records/s needs 3.
      expect(shardsNeeded({ linesPerSecond: 100_000, eventsPerDelivery: 1_000, lineBytes: 200 }, COSTS)).toBe(4);
      expect(
        shardsNeeded(
          { linesPerSecond: 2_000, eventsPerDelivery: 1, lineBytes: 200 },
          { ...COSTS, recordBytesPerEvent: 1 },
        ),
      ).toBe(3);
    });

    it('costs less than a request per delivery when deliveries are small and the volume high, and more when it is low', () => {
      // Act
      const share = (linesPerSecond: number, transport: Transport): number =>
        dailyCost({ linesPerSecond, eventsPerDelivery: 100, lineBytes: 200 }, COSTS, POLICY, { transport }).share;

      // Assess: the request fee is 1/E of the bill's scale; a shard-hour is a fixed cost.
      expect(share(100_000, KINESIS)).toBeLessThan(share(100_000, { kind: 'lambda' }) / 2);
      expect(share(100, KINESIS)).toBeGreaterThan(share(100, { kind: 'lambda' }));
    });
  });

  it('bills ingest’s own log lines as CloudWatch Logs ingestion: per invocation, per delivery, per flush and per container-minute', () => {
    // Act
    const quiet = dailyCost({ linesPerSecond: 1_000, eventsPerDelivery: 100, lineBytes: 200 }, COSTS, POLICY, {
      containers: 1,
    });
    const loud = dailyCost(
      { linesPerSecond: 1_000, eventsPerDelivery: 100, lineBytes: 200 },
      { ...COSTS, ownLogBytes: { perInvocation: 330, perDelivery: 4, perFlush: 500, perContainerMinute: 1_000 } },
      POLICY,
      { containers: 1 },
    );

    // Assess
    expect(quiet.ownLogs).toBe(0);
    expect(loud.ownLogs).toBeCloseTo(((864_000 * 330 + 864_000 * 4 + 432 * 500 + 1_440 * 1_000) / 1024 ** 3) * 0.5, 10);
    expect(loud.culprit - quiet.culprit).toBeCloseTo(loud.ownLogs, 10);
  });
});
