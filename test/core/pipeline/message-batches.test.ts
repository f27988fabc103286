import { packMessages, SQS_BATCH_LIMITS } from '../../../lambdas/core/pipeline';
import { rawLines } from '../drain/loghub-lines';

/** Message bodies made of real Spark lines (loghub-2k; see its LICENSE), repeated to `bytes`. */
function message(id: number, bytes: number): { id: string; body: string } {
  const line = rawLines('Spark')[id % 100] ?? '';
  return { id: `m${id}`, body: line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes) };
}

const sizes = (batches: { body: string }[][]) =>
  batches.map((batch) => batch.reduce((sum, m) => sum + Buffer.byteLength(m.body), 0));

describe('packMessages', () => {
  it('puts at most ten messages in a batch, keeping their order', () => {
    const messages = Array.from({ length: 23 }, (_, i) => message(i, 200));

    const batches = packMessages(messages);

    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 3]);
    expect(batches.flat()).toEqual(messages);
  });

  it('starts a new batch before the bodies would pass 256 KiB', () => {
    const messages = Array.from({ length: 7 }, (_, i) => message(i, 100_000));

    const batches = packMessages(messages);

    expect(batches.map((batch) => batch.length)).toEqual([2, 2, 2, 1]);
    expect(Math.max(...sizes(batches))).toBeLessThanOrEqual(SQS_BATCH_LIMITS.maxBytes);
  });

  it('fits a message of exactly 256 KiB alone', () => {
    const batches = packMessages([message(1, 10), message(2, SQS_BATCH_LIMITS.maxBytes), message(3, 10)]);

    expect(batches.map((batch) => batch.map((m) => m.id))).toEqual([['m1'], ['m2'], ['m3']]);
  });

  it('counts bytes, not characters', () => {
    const wide = { id: 'wide', body: 'é'.repeat(80_000) };

    expect(packMessages([wide, wide]).map((batch) => batch.length)).toEqual([1, 1]);
  });

  it('refuses a message no batch can hold, naming it', () => {
    expect(() => packMessages([message(9, SQS_BATCH_LIMITS.maxBytes + 1)])).toThrow(
      'message m9 is 262145 bytes, over the SQS limit of 262144',
    );
  });

  it('makes no batch of nothing', () => {
    expect(packMessages([])).toEqual([]);
  });
});
