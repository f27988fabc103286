import { type LogProblem, readLogEvents } from '../../../bin/input/log-sources';
import { parseLeadingTimestamp } from '../../../bin/input/text-log-reader';
import { collect, loghubLines, useTempDir, writeFile } from './fixtures';

describe('parseLeadingTimestamp', () => {
  it.each([
    ['2024-03-12T08:00:00.123Z GET /', Date.UTC(2024, 2, 12, 8, 0, 0, 123), 25],
    ['2015-07-29 17:41:44,747 - INFO  [main] - started', Date.UTC(2015, 6, 29, 17, 41, 44, 747), 24],
    ['2024-03-12T09:00:00+01:00 up', Date.UTC(2024, 2, 12, 8), 26],
    ['2024-03-12T09:00:00+0100 up', Date.UTC(2024, 2, 12, 8), 25],
    ['2024-03-12T08:00:00 no zone means UTC', Date.UTC(2024, 2, 12, 8), 20],
    ['2024-03-12T08:00:00.123456789Z nanoseconds', Date.UTC(2024, 2, 12, 8, 0, 0, 123), 31],
    ['2024-03-12T08:00:00Z', Date.UTC(2024, 2, 12, 8), 20],
    ['2016-09-28 04:30:30, Info CBS Loaded Servicing Stack', Date.UTC(2016, 8, 28, 4, 30, 30), 19],
    ['2024/03/12 08:00:00 slashes', Date.UTC(2024, 2, 12, 8), 20],
    ['[2024-03-12 08:00:00] bracketed', Date.UTC(2024, 2, 12, 8), 22],
    ['Tue Mar 12 08:00:00 2024 ctime', Date.UTC(2024, 2, 12, 8), 25],
    ['1710230400 epoch seconds', Date.UTC(2024, 2, 12, 8), 11],
  ])('reads %j', (line, millis, length) => {
    expect(parseLeadingTimestamp(line)).toEqual({ millis, length });
  });

  it.each([
    ['a line without a timestamp', 'java.lang.NullPointerException'],
    ['an impossible date', '2024-13-45T08:00:00Z boom'],
    ['a timestamp glued to text', '2024-03-12T08:00:00Zabc'],
    ['a time of day without a date', '08:00:00 INFO started'],
    ['a syslog stamp without a year', 'Mar 12 08:00:00 host sshd[42]: accepted'],
  ])('finds no timestamp in %s', (_, line) => {
    expect(parseLeadingTimestamp(line)).toBeUndefined();
  });
});

describe('reading plain-text logs', () => {
  const tempDir = useTempDir();

  it('reads each line, timestamp included, as an event of the service named after the file', async () => {
    const lines = loghubLines('Zookeeper', 3);
    const file = writeFile(tempDir(), 'coordinator.log', `${lines.join('\n')}\n`);

    const events = await collect(readLogEvents([file]));

    expect(events).toEqual([
      { timestamp: Date.UTC(2015, 6, 29, 17, 41, 44, 747), service: 'coordinator', message: lines[0] },
      { timestamp: Date.UTC(2015, 6, 29, 19, 4, 12, 394), service: 'coordinator', message: lines[1] },
      { timestamp: Date.UTC(2015, 6, 29, 19, 4, 29, 71), service: 'coordinator', message: lines[2] },
    ]);
  });

  it('joins lines without a timestamp (a stack trace) to the event before them', async () => {
    const [failure, next] = loghubLines('Hadoop', 1020).slice(-2);
    // The frames are illustrative; loghub-2k keeps only the first line of each event.
    const stack = [
      '\tat org.apache.hadoop.ipc.Client.call(Client.java:1473)',
      '\tat java.lang.Thread.run(Thread.java:745)',
    ];
    const file = writeFile(tempDir(), 'batch-jobs.log', [failure, ...stack, next].join('\r\n'));

    const events = await collect(readLogEvents([file]));

    expect(events.map((event) => event.message)).toEqual([[failure, ...stack].join('\n'), next]);
  });

  it('reports a first line that neither has a timestamp nor continues anything, and skips it', async () => {
    const lines = loghubLines('Zookeeper', 2);
    const file = writeFile(tempDir(), 'coordinator.log', ['\tat orphan.Frame(Frame.java:1)', '', ...lines].join('\n'));
    const problems: LogProblem[] = [];

    const stream = readLogEvents([file], { onProblem: (problem) => problems.push(problem) });
    const events = await collect(stream);

    expect(events).toHaveLength(2);
    expect(problems).toEqual([{ file, line: 1, problem: expect.stringContaining('no timestamp with a date') }]);
    expect(stream.stats).toEqual({ files: 1, events: 2, problems: 1 });
  });

  it('caps a message that keeps growing with continuation lines', async () => {
    const [first] = loghubLines('Zookeeper', 1);
    const file = writeFile(
      tempDir(),
      'coordinator.log',
      [first, ...Array.from({ length: 50 }, () => 'x'.repeat(99))].join('\n'),
    );

    const [event] = await collect(readLogEvents([file], { maxMessageChars: 1000 }));

    expect(event?.message.length).toBeLessThanOrEqual(1000);
    expect(event?.message.startsWith(first ?? '')).toBe(true);
  });
});
