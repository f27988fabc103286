import { readJsonDocumentBatches } from '../../../bin/input/cloudwatch-export-reader';
import { type LogProblem, readLogEvents } from '../../../bin/input/log-sources';
import { collect, loghubLines, useTempDir, writeFile } from './fixtures';

/** The document `aws logs filter-log-events --log-group-name ...` prints (4-space indented). */
function filterLogEventsOutput(
  events: readonly { timestamp: number; message: unknown }[],
  extra: Record<string, unknown> = {},
  before: Record<string, unknown> = {},
): string {
  return JSON.stringify(
    {
      ...before,
      events: events.map((event, index) => ({
        logStreamName: `2024/03/12/[$LATEST]${index % 2 === 0 ? 'a1b2' : 'c3d4'}`,
        timestamp: event.timestamp,
        message: event.message,
        ingestionTime: event.timestamp + 350,
        eventId: `3789${String(index).padStart(52, '0')}`,
      })),
      searchedLogStreams: [{ logStreamName: '2024/03/12/[$LATEST]a1b2', searchedCompletely: true }],
      ...extra,
    },
    null,
    4,
  );
}

describe('reading `aws logs filter-log-events` output', () => {
  const tempDir = useTempDir();
  const [first = '', second = '', third = ''] = loghubLines('OpenSSH', 3);
  const at = (second_: number): number => Date.UTC(2024, 2, 12, 8, 0, second_);

  it('reads an export that starts with a UTF-8 byte order mark', async () => {
    const file = writeFile(
      tempDir(),
      'bastion.json',
      `\uFEFF${filterLogEventsOutput([{ timestamp: at(1), message: first }])}`,
    );
    const problems: LogProblem[] = [];

    const events = await collect(readLogEvents([file], { onProblem: (problem) => problems.push(problem) }));

    expect(problems).toEqual([]);
    expect(events).toEqual([{ timestamp: at(1), service: 'bastion', message: first }]);
  });

  it('reads the events in time order, as the service named after the file, without their trailing newline', async () => {
    const file = writeFile(
      tempDir(),
      'bastion.json',
      filterLogEventsOutput([
        { timestamp: at(2), message: `${second}\n` },
        { timestamp: at(1), message: first },
        { timestamp: at(3), message: third },
      ]),
    );

    const events = await collect(readLogEvents([file]));

    expect(events).toEqual([
      { timestamp: at(1), service: 'bastion', message: first },
      { timestamp: at(2), service: 'bastion', message: second },
      { timestamp: at(3), service: 'bastion', message: third },
    ]);
  });

  it('refuses an export whose events run newest-first past the reordering window, saying how to sort it', async () => {
    const messages = loghubLines('OpenSSH', 200);
    const file = writeFile(
      tempDir(),
      'bastion.json',
      filterLogEventsOutput(messages.map((message, index) => ({ timestamp: at(200 - index), message }))),
    );

    await expect(collect(readLogEvents([file], { reorderEvents: 16, chunkBytes: 4096 }))).rejects.toThrow(
      /bastion\.json: .*not in time order \(newest first\): sort them by timestamp \(e\.g\. jq/,
    );
  });

  it('takes the service from logGroupName when the document has one before its events', async () => {
    const file = writeFile(
      tempDir(),
      'export.json',
      filterLogEventsOutput([{ timestamp: at(1), message: first }], {}, { logGroupName: '/aws/ec2/bastion' }),
    );

    const [event] = await collect(readLogEvents([file]));

    expect(event?.service).toBe('/aws/ec2/bastion');
  });

  it('says so when logGroupName comes after the events, which were read as the file name', async () => {
    const file = writeFile(
      tempDir(),
      'export.json',
      filterLogEventsOutput([{ timestamp: at(1), message: first }], { logGroupName: '/aws/ec2/bastion' }),
    );
    const problems: LogProblem[] = [];

    const [event] = await collect(readLogEvents([file], { onProblem: (problem) => problems.push(problem) }));

    expect(event?.service).toBe('export');
    expect(problems).toEqual([
      {
        file,
        line: 0,
        problem: 'logGroupName "/aws/ec2/bastion" comes after 1 events, which were read as service "export"',
      },
    ]);
  });

  it('hands on events chunk by chunk, before the rest of the document is read', async () => {
    const messages = loghubLines('OpenSSH', 400);
    // The document breaks at its very end: a reader that held it whole would report that before any event.
    const text = `${filterLogEventsOutput(messages.map((message, index) => ({ timestamp: at(index), message })))},`;
    const file = writeFile(tempDir(), 'bastion.json', text);
    const problems: LogProblem[] = [];
    const batches: { events: number; problemsSoFar: number }[] = [];

    for await (const events of readJsonDocumentBatches(file, 'bastion', (problem) => problems.push(problem), {
      chunkBytes: 4096,
    }))
      batches.push({ events: events.length, problemsSoFar: problems.length });

    expect(batches.length).toBeGreaterThan(text.length / 4096 - 2);
    expect(Math.max(...batches.map((batch) => batch.events))).toBeLessThan(30);
    expect(batches.reduce((sum, batch) => sum + batch.events, 0)).toBe(messages.length);
    expect(batches[0]?.problemsSoFar).toBe(0);
    expect(problems).toEqual([
      {
        file,
        line: text.split('\n').length,
        problem: expect.stringMatching(/^not a valid JSON document: unexpected ","/),
      },
    ]);
  });

  it('skips an event larger than the cap and reads the others', async () => {
    const text = filterLogEventsOutput([
      { timestamp: at(1), message: 'x'.repeat(64 * 1024) },
      { timestamp: at(2), message: first },
    ]);
    const file = writeFile(tempDir(), 'bastion.json', text);
    const problems: LogProblem[] = [];

    const batches = await collect(
      readJsonDocumentBatches(file, 'bastion', (problem) => problems.push(problem), {
        chunkBytes: 4096,
        maxValueBytes: 16 * 1024,
      }),
    );

    expect(batches.flat()).toEqual([{ timestamp: at(2), service: 'bastion', message: first }]);
    expect(problems).toEqual([{ file, line: 1, problem: 'event 1: larger than the cap, skipped' }]);
  });

  it('reports an unusable event by its index and keeps the others', async () => {
    const file = writeFile(
      tempDir(),
      'bastion.json',
      filterLogEventsOutput([
        { timestamp: at(1), message: first },
        { timestamp: at(2), message: 42 },
      ]),
    );
    const problems: LogProblem[] = [];

    const events = await collect(readLogEvents([file], { onProblem: (problem) => problems.push(problem) }));

    expect(events.map((event) => event.message)).toEqual([first]);
    expect(problems).toEqual([{ file, line: 2, problem: expect.stringContaining('event 2: message') }]);
  });

  it('reports a document that is not valid JSON with the line of the error, and reads nothing after it', async () => {
    const text = filterLogEventsOutput([{ timestamp: at(1), message: first }]).replace(
      '"ingestionTime"',
      'ingestionTime',
    );
    const file = writeFile(tempDir(), 'bastion.json', text);
    const problems: LogProblem[] = [];

    const events = await collect(readLogEvents([file], { onProblem: (problem) => problems.push(problem) }));

    expect(events).toEqual([]);
    expect(problems).toEqual([{ file, line: 7, problem: expect.stringMatching(/^not a valid JSON document/) }]);
  });

  it('reports a JSON document that is not an export', async () => {
    const file = writeFile(tempDir(), 'bastion.json', JSON.stringify({ logs: [] }, null, 2));
    const problems: LogProblem[] = [];

    await collect(readLogEvents([file], { onProblem: (problem) => problems.push(problem) }));

    expect(problems).toEqual([{ file, line: 0, problem: expect.stringContaining('not a CloudWatch Logs export') }]);
  });

  it('reads a JSON array of log records the same way', async () => {
    const file = writeFile(
      tempDir(),
      'bastion.json',
      JSON.stringify(
        [
          { timestamp: '2024-03-12T08:00:01Z', message: first },
          { timestamp: at(0), service: 'gateway', message: second },
        ],
        null,
        2,
      ),
    );

    const events = await collect(readLogEvents([file]));

    expect(events).toEqual([
      { timestamp: at(0), service: 'gateway', message: second },
      { timestamp: at(1), service: 'bastion', message: first },
    ]);
  });

  it('reads events whose message is pino JSON: the message and level the record names, the event’s own time', async () => {
    const records = [first, second, third].map((msg, i) =>
      JSON.stringify({ level: i === 1 ? 50 : 30, time: at(i) - 5, msg }),
    );
    const file = writeFile(
      tempDir(),
      'api.json',
      filterLogEventsOutput(records.map((message, i) => ({ timestamp: at(i), message: `${message}\n` }))),
    );

    const events = await collect(readLogEvents([file]));

    expect(events).toEqual([
      { timestamp: at(0), service: 'api', message: first, level: 'INFO' },
      { timestamp: at(1), service: 'api', message: second, level: 'ERROR' },
      { timestamp: at(2), service: 'api', message: third, level: 'INFO' },
    ]);
  });
});
