import { gzipSync } from 'node:zlib';
import {
  applyLogEvents,
  decodeOutbox,
  decodeState,
  encodeOutbox,
  encodeState,
  PipelineStateError,
  ServiceAnalysis,
  toAnomalyMessage,
  type Outbox,
  type SubscriptionLogEvent,
} from '../../../lambdas/core/pipeline';
import { rawLines } from '../drain/loghub-lines';

const SERVICE = 'block-store';
const GZIP_MAGIC = [0x1f, 0x8b];

/** The first `count` HDFS lines (loghub-2k, see its LICENSE), timed by their own `yyMMdd HHmmss` header. */
function hdfsEvents(count: number): SubscriptionLogEvent[] {
  return rawLines('HDFS')
    .slice(0, count)
    .map((message, index) => {
      const header = /^(\d\d)(\d\d)(\d\d) (\d\d)(\d\d)(\d\d) /.exec(message);
      if (header === null) throw new Error(`HDFS line ${index} has no date header: ${message}`);
      const [year, month, day, hour, minute, second] = header.slice(1).map(Number) as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      return { id: String(index), timestamp: Date.UTC(2000 + year, month - 1, day, hour, minute, second), message };
    });
}

/** A real analyzer state and the outcome of the batch that built it. */
function analysed(count: number) {
  const analysis = new ServiceAnalysis(SERVICE);
  const outcome = applyLogEvents(analysis, hdfsEvents(count));
  return { state: analysis.toState(), outcome };
}

function startsLikeGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

function legacyGzip(value: unknown): Uint8Array {
  return gzipSync(JSON.stringify(value), { level: 1 });
}

const { state, outcome } = analysed(400);

describe('encodeState and decodeState', () => {
  it('give back a state equal to the one encoded', () => {
    const encoded = encodeState(state, SERVICE);

    const decoded = decodeState(encoded, SERVICE);

    expect(state.detector.services.flatMap((s) => s.templates).length).toBeGreaterThan(5);
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(JSON.parse(JSON.stringify(state)));
  });

  it('write brotli, smaller than the gzip level 1 earlier versions wrote', () => {
    const encoded = encodeState(state, SERVICE);

    const gzipped = legacyGzip(state);

    expect(startsLikeGzip(encoded)).toBe(false);
    expect(encoded.length).toBeLessThan(gzipped.length);
  });

  it('still read a state stored gzipped by an earlier version', () => {
    const stored = legacyGzip(state);

    const decoded = decodeState(stored, SERVICE);

    expect(startsLikeGzip(stored)).toBe(true);
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(JSON.parse(JSON.stringify(state)));
  });

  it('let a restored analysis go on exactly as one restored from the state in memory, from either format', () => {
    const later = hdfsEvents(600).slice(400);
    const inMemory = new ServiceAnalysis(SERVICE, {}, structuredClone(state));
    applyLogEvents(inMemory, later);

    const fromBrotli = new ServiceAnalysis(SERVICE, {}, decodeState(encodeState(state, SERVICE), SERVICE));
    const fromGzip = new ServiceAnalysis(SERVICE, {}, decodeState(legacyGzip(state), SERVICE));
    applyLogEvents(fromBrotli, later);
    applyLogEvents(fromGzip, later);

    expect(fromBrotli.toState()).toEqual(inMemory.toState());
    expect(fromGzip.toState()).toEqual(inMemory.toState());
  });

  it.each([
    ['plain JSON', Buffer.from(JSON.stringify(state).slice(0, 200), 'utf8')],
    ['a cut-short brotli stream', Buffer.from(encodeState(state, SERVICE)).subarray(0, 100)],
    ['a cut-short gzip stream', Buffer.from(legacyGzip(state)).subarray(0, 100)],
  ])('refuse %s with an error naming the service', (_, bytes) => {
    const decode = () => decodeState(bytes, SERVICE);

    expect(decode).toThrow(PipelineStateError);
    expect(decode).toThrow(new RegExp(`^stored state of service ${SERVICE} is neither gzip nor brotli JSON: \\S`));
  });

  it('refuse a brotli stream of JSON that is not an analyzer state', () => {
    const outbox: Outbox = { key: 'batch-1', version: 1, counts: [], messages: [] };

    const decode = () => decodeState(encodeOutbox(outbox), SERVICE);

    expect(decode).toThrow(new RegExp(`^stored state of service ${SERVICE} is not an analyzer state: `));
  });

  it('refuse a state whose compressed size is over the limit it is given', () => {
    const size = encodeState(state, SERVICE).length;
    const templates = state.detector.services.reduce((n, s) => n + s.templates.length, 0);

    const encode = () => encodeState(state, SERVICE, size - 1);

    expect(encode).toThrow(PipelineStateError);
    expect(encode).toThrow(
      `state of service ${SERVICE} is ${size} bytes compressed, over the ${size - 1}-byte limit of one DynamoDB item (${templates} templates)`,
    );
    expect(encodeState(state, SERVICE, size)).toHaveLength(size);
  });
});

describe('encodeOutbox and decodeOutbox', () => {
  const outbox: Outbox = {
    key: 'batch-1',
    version: 3,
    counts: outcome.counts.toJSON(),
    messages: [...outcome.anomalies, ...analysed(2000).outcome.anomalies]
      .slice(0, 5)
      .map((anomaly) => toAnomalyMessage(anomaly, { logGroup: '/ecs/block-store', revision: 1 })),
  };

  it('give back the outbox encoded, written as brotli', () => {
    const encoded = encodeOutbox(outbox);

    const decoded = decodeOutbox(encoded, SERVICE);

    expect(outbox.counts.length).toBeGreaterThan(0);
    expect(outbox.messages.length).toBeGreaterThan(0);
    expect(startsLikeGzip(encoded)).toBe(false);
    expect(decoded).toEqual(outbox);
  });

  it('still read an outbox stored gzipped by an earlier version', () => {
    const stored = legacyGzip(outbox);

    const decoded = decodeOutbox(stored, SERVICE);

    expect(decoded).toEqual(outbox);
  });

  it('refuse bytes that are neither format with an error naming the service', () => {
    const bytes = Buffer.from(JSON.stringify(outbox), 'utf8');

    const decode = () => decodeOutbox(bytes, SERVICE);

    expect(decode).toThrow(PipelineStateError);
    expect(decode).toThrow(new RegExp(`^outbox of service ${SERVICE} is neither gzip nor brotli JSON: \\S`));
  });
});
