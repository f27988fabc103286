import { type LogProblem, readLogEvents } from '../../../bin/input/log-sources';
import { collect, loghubLines, useTempDir, writeFile } from './fixtures';

const jsonl = (records: readonly unknown[]): string => `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;

describe('reading JSON Lines logs', () => {
  const tempDir = useTempDir();
  const [first = '', second = '', third = ''] = loghubLines('HDFS', 3);

  it('reads ISO-8601 and epoch-millisecond timestamps, service or logGroup, and ignores other fields', async () => {
    const file = writeFile(
      tempDir(),
      'mixed.jsonl',
      jsonl([
        { timestamp: '2024-03-12T08:00:00.000Z', service: 'block-store', level: 'INFO', message: first },
        { timestamp: Date.UTC(2024, 2, 12, 8, 0, 1), logGroup: '/ecs/block-store', logStream: 'task/1', message: second },
      ]),
    );

    const events = await collect(readLogEvents([file]));

    expect(events).toEqual([
      { timestamp: Date.UTC(2024, 2, 12, 8), service: 'block-store', message: first },
      { timestamp: Date.UTC(2024, 2, 12, 8, 0, 1), service: '/ecs/block-store', message: second },
    ]);
  });

  it('takes the file name as the service of a record that names none', async () => {
    const file = writeFile(tempDir(), 'block-store.jsonl', jsonl([{ timestamp: '2024-03-12T08:00:00Z', message: first }]));

    const [event] = await collect(readLogEvents([file]));

    expect(event?.service).toBe('block-store');
  });

  it('reports malformed lines and records without a usable timestamp or message with their line numbers, and skips them', async () => {
    const file = writeFile(
      tempDir(),
      'block-store.jsonl',
      [
        JSON.stringify({ timestamp: '2024-03-12T08:00:00Z', message: first }),
        '{"timestamp": "2024-03-12T08:00:01Z", "message": ',
        JSON.stringify({ timestamp: 'yesterday', message: second }),
        JSON.stringify({ timestamp: '2024-03-12T08:00:02Z', message: { text: third } }),
        JSON.stringify({ message: third }),
        '',
        JSON.stringify({ timestamp: '2024-03-12T08:00:03Z', message: third }),
      ].join('\n'),
    );
    const problems: LogProblem[] = [];

    const stream = readLogEvents([file], { onProblem: (problem) => problems.push(problem) });
    const events = await collect(stream);

    expect(events.map((event) => event.message)).toEqual([first, third]);
    expect(problems.map(({ file: where, line }) => ({ where, line }))).toEqual([2, 3, 4, 5].map((line) => ({ where: file, line })));
    expect(problems[0]?.problem).toMatch(/^not valid JSON/);
    expect(problems[1]?.problem).toMatch(/^timestamp: not an ISO-8601 timestamp/);
    expect(problems[2]?.problem).toMatch(/^message:/);
    expect(problems[3]?.problem).toMatch(/^timestamp:/);
    expect(stream.stats.problems).toBe(4);
  });

  it('says a line was cut when it is longer than the line cap', async () => {
    const file = writeFile(tempDir(), 'big.jsonl', jsonl([{ timestamp: '2024-03-12T08:00:00Z', message: first.repeat(40) }]));
    const problems: LogProblem[] = [];

    await collect(readLogEvents([file], { maxLineBytes: 1024, onProblem: (problem) => problems.push(problem) }));

    expect(problems).toEqual([{ file, line: 1, problem: expect.stringContaining('longer than the line cap') }]);
  });
});
