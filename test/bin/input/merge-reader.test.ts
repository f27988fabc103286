import type { LogEvent } from '../../../lambdas/core/schemas';
import { mergeByTimestamp } from '../../../bin/input/merge-reader';
import { collect, loghubLines } from './fixtures';

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
    const merged = await collect(mergeByTimestamp([source('a', [1, 4, 9]), source('b', [2, 3, 10]), source('c', []), source('d', [5])]));

    expect(merged.map((event) => `${event.service}${event.timestamp}`)).toEqual(['a1', 'b2', 'b3', 'a4', 'd5', 'a9', 'b10']);
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
