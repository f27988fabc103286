import type { LogEvent } from '../../../lambdas/core/schemas';
import { mergeBatchesByTimestamp, mergeByTimestamp } from '../../../bin/input/merge-reader';
import { collect, loghubLines, seeded } from './fixtures';

const [line = ''] = loghubLines('Spark', 1);

async function* source(service: string, timestamps: readonly number[], closed?: string[]): AsyncGenerator<LogEvent> {
  try {
    for (const timestamp of timestamps) yield { timestamp, service, message: line };
  } finally {
    closed?.push(service);
  }
}

describe('mergeByTimestamp', () => {
  it('interleaves time-ordered sources into one time-ordered stream', async () => {
    const merged = await collect(
      mergeByTimestamp([source('a', [1, 4, 9]), source('b', [2, 3, 10]), source('c', []), source('d', [5])]),
    );

    expect(merged.map((event) => `${event.service}${event.timestamp}`)).toEqual([
      'a1',
      'b2',
      'b3',
      'a4',
      'd5',
      'a9',
      'b10',
    ]);
  });

  it('gives equal timestamps to the source listed first', async () => {
    const merged = await collect(mergeByTimestamp([source('a', [1, 2]), source('b', [1, 2]), source('c', [1])]));

    expect(merged.map((event) => event.service)).toEqual(['a', 'b', 'c', 'a', 'b']);
  });

  it('closes every source when the reader stops early', async () => {
    const closed: string[] = [];

    for await (const event of mergeByTimestamp([source('a', [1, 2, 3], closed), source('b', [1, 2, 3], closed)])) {
      if (event.timestamp === 2) break;
    }

    expect(closed.sort()).toEqual(['a', 'b']);
  });
});

async function* batched(
  service: string,
  batches: readonly (readonly number[])[],
  closed?: string[],
): AsyncGenerator<LogEvent[]> {
  try {
    for (const timestamps of batches) yield timestamps.map((timestamp) => ({ timestamp, service, message: line }));
  } finally {
    closed?.push(service);
  }
}

const labels = (batches: readonly (readonly LogEvent[])[]): string[] =>
  batches.flat().map((event) => `${event.service}${event.timestamp}`);

describe('mergeBatchesByTimestamp', () => {
  it('interleaves batched sources into time-ordered batches, skipping empty batches and sources', async () => {
    const merged = await collect(
      mergeBatchesByTimestamp([
        batched('a', [[1, 4], [], [9]]),
        batched('b', [[2, 3, 10]]),
        batched('c', []),
        batched('d', [[], [5]]),
      ]),
    );

    expect(labels(merged)).toEqual(['a1', 'b2', 'b3', 'a4', 'd5', 'a9', 'b10']);
    expect(merged.every((batch) => batch.length > 0)).toBe(true);
  });

  it('gives equal timestamps to the source listed first, also inside a run of one source', async () => {
    const merged = await collect(
      mergeBatchesByTimestamp([batched('a', [[1, 1, 2]]), batched('b', [[1], [1, 2]]), batched('c', [[1, 2]])]),
    );

    expect(labels(merged)).toEqual(['a1', 'a1', 'b1', 'b1', 'c1', 'a2', 'b2', 'c2']);
  });

  it('hands on batches of at most the size asked for', async () => {
    const evens = Array.from({ length: 50 }, (_, i) => 2 * i);
    const odds = Array.from({ length: 50 }, (_, i) => 2 * i + 1);

    const merged = await collect(
      mergeBatchesByTimestamp([batched('a', [evens.slice(0, 30), evens.slice(30)]), batched('b', [odds])], {
        maxBatchEvents: 8,
      }),
    );

    expect(merged.flat().map((event) => event.timestamp)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Math.max(...merged.map((batch) => batch.length))).toBeLessThanOrEqual(8);
  });

  it('merges many sources of random batches into the order a stable sort gives', async () => {
    // Prepare: 7 sources of sorted timestamps with many ties, cut into batches of 0 to 9 events
    const random = seeded(5);
    const sources = Array.from({ length: 7 }, (_, s) => {
      const timestamps = Array.from({ length: 200 }, () => Math.floor(random() * 300)).sort((x, y) => x - y);
      const batches: number[][] = [];
      for (let at = 0; at < timestamps.length; ) {
        const size = Math.floor(random() * 10);
        batches.push(timestamps.slice(at, at + size));
        at += size;
      }
      return { service: String.fromCharCode(97 + s), timestamps, batches };
    });
    const expected = sources
      .flatMap(({ service, timestamps }) => timestamps.map((timestamp) => `${service}${timestamp}`))
      .sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)) || x.charCodeAt(0) - y.charCodeAt(0));

    // Act
    const merged = await collect(
      mergeBatchesByTimestamp(
        sources.map(({ service, batches }) => batched(service, batches)),
        { maxBatchEvents: 13 },
      ),
    );

    // Assess
    expect(labels(merged)).toEqual(expected);
  });

  it('closes every source when the reader stops early', async () => {
    const closed: string[] = [];

    for await (const batch of mergeBatchesByTimestamp(
      [batched('a', [[1], [2], [3]], closed), batched('b', [[1], [2], [3]], closed)],
      { maxBatchEvents: 1 },
    )) {
      if (batch[0]?.timestamp === 2) break;
    }

    expect(closed.sort()).toEqual(['a', 'b']);
  });
});
