import { FileOrder, MisorderedFileError } from '../../../bin/input/file-order';
import { type LogProblem, readLogEvents } from '../../../bin/input/log-sources';
import type { LogEvent } from '../../../lambdas/core/schemas';
import { collect, loghubLines, useTempDir, writeFile } from './fixtures';

const START = Date.UTC(2024, 2, 12, 9);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const event = (timestamp: number, message = `at ${timestamp}`): LogEvent => ({ timestamp, service: 'api', message });
const everyMinute = (count: number, from = START): LogEvent[] =>
  Array.from({ length: count }, (_, i) => event(from + i * MINUTE));

/** Pushes `events` in slices of `batch` and returns what the order hands on, and what it skipped. */
function run(events: readonly LogEvent[], options = {}, batch = 7): { out: LogEvent[]; skipped: string[] } {
  const skipped: string[] = [];
  const order = new FileOrder('api.log', { lineOf: () => 0, skip: (_, problem) => skipped.push(problem) }, options);
  const out: LogEvent[] = [];
  for (let i = 0; i < events.length; i += batch) out.push(...order.push(events.slice(i, i + batch)));
  out.push(...order.finish());
  return { out, skipped };
}

describe('FileOrder', () => {
  it('sorts events that come a few events late, keeping ties in file order', () => {
    const events = everyMinute(40);
    [events[10], events[13]] = [events[13] as LogEvent, events[10] as LogEvent];
    const tie = event(START + 5 * MINUTE, 'second at minute 5');
    events.splice(8, 0, tie);

    const { out, skipped } = run(events, { reorderEvents: 8 });

    expect(out.map((e) => e.timestamp)).toEqual(events.map((e) => e.timestamp).sort((a, b) => a - b));
    expect(out.indexOf(tie)).toBe(out.findIndex((e) => e.timestamp === tie.timestamp) + 1);
    expect(skipped).toEqual([]);
  });

  it('refuses a newest-first file longer than the window, and says to reverse it', () => {
    const events = everyMinute(100).reverse();

    expect(() => run(events, { reorderEvents: 16 })).toThrow(MisorderedFileError);
    expect(() => run(events, { reorderEvents: 16 })).toThrow(/api\.log: .*newest-first: reverse it/);
  });

  it('refuses a file whose second half goes back an hour, and says to sort it', () => {
    const events = [...everyMinute(60, START + HOUR), ...everyMinute(60)];

    expect(() => run(events, { reorderEvents: 16 })).toThrow(/not in time order: sort it/);
  });

  it.each([
    ['an appended line in 2030', [...everyMinute(30), event(Date.UTC(2030, 0, 1))], 'after'],
    ['a first line at 9999-12-31', [event(Date.UTC(9999, 11, 31, 23, 59, 59)), ...everyMinute(30)], 'after'],
    ['a line in 1970 in the middle', [...everyMinute(15), event(0), ...everyMinute(15, START + HOUR)], 'before'],
    [
      'two lines 3 h ahead in the middle',
      [...everyMinute(15), ...everyMinute(2, START + 3 * HOUR), ...everyMinute(15, START + 20 * MINUTE)],
      'after',
    ],
  ])('skips %s and says why', (_, events, direction) => {
    const { out, skipped } = run(events);

    expect(out.every((e) => e.timestamp >= START && e.timestamp < START + 2 * HOUR)).toBe(true);
    expect(out.length + skipped.length).toBe(events.length);
    expect(skipped[0]).toMatch(new RegExp(`is .* ${direction} the lines around it .*as CloudWatch Logs bounds it`));
  });

  it('believes a jump of hours that the events after it confirm (a quiet night)', () => {
    const events = [...everyMinute(20), ...everyMinute(20, START + 10 * HOUR)];

    const { out, skipped } = run(events);

    expect(out).toEqual(events);
    expect(skipped).toEqual([]);
  });
});

describe('reading log files in time order', () => {
  const tempDir = useTempDir();

  it('reports a far-future line with its file and line, and reads the rest', async () => {
    const lines = loghubLines('Zookeeper', 20);
    const file = writeFile(
      tempDir(),
      'coordinator.log',
      `${[...lines, '2030-01-01 00:00:00,000 - INFO later'].join('\n')}\n`,
    );
    const problems: LogProblem[] = [];

    const events = await collect(readLogEvents([file], { onProblem: (p) => problems.push(p) }));

    expect(events).toHaveLength(20);
    expect(problems).toEqual([
      { file, line: 21, problem: expect.stringContaining('timestamp 2030-01-01T00:00:00.000Z') },
    ]);
  });

  it('refuses a large newest-first file within its first windows, not after reading it all', async () => {
    const count = 200_000;
    const lines = Array.from(
      { length: count },
      (_, i) => `${new Date(START + (count - i) * 100).toISOString()} INFO worker-${i % 7} processed request ${i}`,
    );
    const file = writeFile(tempDir(), 'api.log', `${lines.join('\n')}\n`);
    let read = 0;

    const error = await collect(readLogEvents([file], { onRead: (_, events) => (read += events) })).catch(
      (caught: unknown) => caught as Error,
    );

    expect(error).toBeInstanceOf(MisorderedFileError);
    const line = Number(new RegExp(`^${file}:(\\d+): `).exec((error as Error).message)?.[1]);
    expect(line).toBeGreaterThan(0);
    expect(line).toBeLessThan(count / 10);
    expect(read).toBeLessThan(count / 10);
  });

  it('refuses a newest-first file naming the file and the line', async () => {
    const lines = loghubLines('Zookeeper', 200).reverse();
    const file = writeFile(tempDir(), 'coordinator.log', `${lines.join('\n')}\n`);

    await expect(collect(readLogEvents([file], { reorderEvents: 16 }))).rejects.toThrow(
      new RegExp(`${file}:\\d+: the event at .* newest-first`),
    );
  });
});
