import { analyze, Analyzer, ANALYSIS_DEFAULTS, resolveAnalysisOptions } from '../../../lambdas/core/analysis';
import { InvalidInputError } from '../../../lambdas/core/errors';
import { at, buildStream, deployAt, loghubLines } from './support/synthetic-stream';

const hdfs = loghubLines('HDFS', (l) => !/exception/i.test(l));
const hdfsErrors = loghubLines('HDFS', (l) => /exception/i.test(l));
const zkInfo = loghubLines('Zookeeper', (l) => / INFO /.test(l));

const events = buildStream({
  seed: 31,
  minutes: 45,
  services: [
    { name: 'storage', lines: hdfs, rate: 3 },
    { name: 'coordinator', lines: zkInfo, rate: 2 },
  ],
  effects: [{ service: 'storage', from: at(31), to: at(45), add: hdfsErrors, rate: 0.4 }],
});
const deploys = [deployAt('storage-bad', 'storage', 30), deployAt('coord-ok', 'coordinator', 20)];

describe('Analyzer', () => {
  it('gives the same result when run in small batches with its state saved as JSON between them', async () => {
    // Prepare: batches of five seconds, as an ingest Lambda would see them.
    const whole = await analyze(events, deploys);
    let state: ReturnType<Analyzer['toJSON']> | undefined;
    let batch: typeof events = [];
    const flush = (): void => {
      const analyzer = state === undefined ? new Analyzer() : Analyzer.fromJSON(state);
      for (const e of batch) analyzer.push(e);
      state = JSON.parse(JSON.stringify(analyzer.toJSON())) as ReturnType<Analyzer['toJSON']>;
      batch = [];
    };

    // Act
    for (const e of events) {
      if (batch.length > 0 && e.timestamp - (batch[0]?.timestamp ?? 0) >= 5_000) flush();
      batch.push(e);
    }
    flush();
    const resumed = Analyzer.fromJSON(state as ReturnType<Analyzer['toJSON']>);

    // Assess: the detector's state carries the anomalies, so the result is the same.
    expect(resumed.result(deploys).incidents).toEqual(whole.incidents);
    expect(whole.incidents[0]?.suspects[0]?.deployId).toBe('storage-bad');
  });

  it('hands out anomalies as they open and change, for a Lambda to forward', () => {
    // Prepare
    const analyzer = new Analyzer();
    const seen = new Set<string>();

    // Act
    for (const e of events) {
      analyzer.push(e);
      for (const a of analyzer.takeChanges()) seen.add(`${a.kind}:${a.template}`);
    }

    // Assess
    expect([...seen].filter((k) => /^new:.*exception while serving/.test(k))).toHaveLength(1);
  });

  it('counts lines, services and templates, and skips lines with nothing to mine', async () => {
    // Act
    const result = await analyze(
      [...events.slice(0, 100), { timestamp: at(2), service: 'storage', message: '   ' }],
      [],
    );

    // Assess
    expect(result.stats).toMatchObject({ lines: 100, services: 2, skipped: 1 });
    expect(result.stats.templates).toBeGreaterThan(5);
  });

  it('reads an async iterable as well as an array', async () => {
    // Prepare
    async function* stream() {
      yield* events;
    }

    // Act
    const fromAsync = await analyze(stream(), deploys);

    // Assess
    expect(fromAsync).toEqual(await analyze(events, deploys));
  });

  it('merges options over one defaults object and rejects bad ones naming the field', () => {
    // Act
    const options = resolveAnalysisOptions({ rank: { blameThreshold: 0.8, weights: { silent: -5 } } });

    // Assess
    expect(options.rank.blameThreshold).toBe(0.8);
    expect(options.rank.weights.silent).toBe(-5);
    expect(options.rank.weights.strength).toBe(ANALYSIS_DEFAULTS.rank.weights.strength);
    expect(options.detect).toEqual(ANALYSIS_DEFAULTS.detect);
    expect(() => resolveAnalysisOptions({ detect: { bucketMs: -1 } })).toThrow(InvalidInputError);
    expect(() => resolveAnalysisOptions({ detect: { bucketMs: -1 } })).toThrow(/detect\.bucketMs/);
    expect(() => resolveAnalysisOptions({ rank: { weights: { nope: 1 } as never } })).toThrow(
      /unknown weight\(s\) nope/,
    );
  });
});
