// The bound on the delivery keys ingest remembers with a service's state (lambdas/core/pipeline/applied-flushes.ts).
// Kept with the ingest tests because it exists for ingest's redelivery check.
import {
  findFlush,
  packKeys,
  unpackKeys,
  withFlush,
  PipelineStateError,
  type AppliedFlush,
} from '../../../lambdas/core/pipeline';

const MINUTE = 60_000;
const key = (n: number): string => Buffer.alloc(12, n).toString('base64url');
const flush = (version: number, at: number, ...keys: number[]): AppliedFlush => ({ version, at, keys: keys.map(key) });

describe('the delivery keys remembered with a service state', () => {
  it('forgets whole flushes, oldest first, once the keys pass the bound', () => {
    let flushes: AppliedFlush[] = [];
    for (const [version, keys] of [
      [1, [1, 2]],
      [2, [3, 4]],
      [3, [5, 6]],
    ] as const)
      flushes = withFlush(flushes, flush(version, version * MINUTE, ...keys), { maxKeys: 5, maxAgeMs: 10 * MINUTE });

    expect(flushes.map((f) => f.version)).toEqual([2, 3]);
    expect(findFlush(flushes, key(4))?.version).toBe(2);
    expect(findFlush(flushes, key(1))).toBeUndefined();
  });

  it('keeps every key of the newest flush, even past the bound', () => {
    const flushes = withFlush([flush(1, 0, 1)], flush(2, 0, 2, 3, 4), { maxKeys: 2, maxAgeMs: 10 * MINUTE });

    expect(flushes).toEqual([flush(2, 0, 2, 3, 4)]);
  });

  it('forgets flushes older than the age bound whatever their number', () => {
    const flushes = withFlush([flush(1, 0, 1), flush(2, 9 * MINUTE, 2)], flush(3, 11 * MINUTE, 3), {
      maxKeys: 2000,
      maxAgeMs: 10 * MINUTE,
    });

    expect(flushes.map((f) => f.version)).toEqual([2, 3]);
  });

  it('packs batch keys into 12 bytes each and back, and refuses a key batchKeyOf would not make', () => {
    const keys = [key(7), key(200), 'AbC-_0123456789x'];

    expect(unpackKeys(packKeys(keys), 'svc')).toEqual(keys);
    expect(packKeys(keys)).toHaveLength(36);
    expect(() => packKeys(['short'])).toThrow(PipelineStateError);
  });
});
