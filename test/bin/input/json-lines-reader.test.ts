import { describeIssues, jsonLogRecordSchema, toLogEvent } from '../../../bin/input/json-lines-reader';
import { type LogProblem, readLogEvents } from '../../../bin/input/log-sources';
import { collect, loghubLines, useTempDir, writeFile } from './fixtures';

const jsonl = (records: readonly unknown[]): string =>
  `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;

describe('reading JSON Lines logs', () => {
  const tempDir = useTempDir();
  const [first = '', second = '', third = ''] = loghubLines('HDFS', 3);

  it('reads ISO-8601 and epoch-millisecond timestamps, service or logGroup, and ignores other fields', async () => {
    const file = writeFile(
      tempDir(),
      'mixed.jsonl',
      jsonl([
        { timestamp: '2024-03-12T08:00:00.000Z', service: 'block-store', level: 'INFO', message: first },
        {
          timestamp: Date.UTC(2024, 2, 12, 8, 0, 1),
          logGroup: '/ecs/block-store',
          logStream: 'task/1',
          message: second,
        },
      ]),
    );

    const events = await collect(readLogEvents([file]));

    expect(events).toEqual([
      // A record's own level goes with its event.
      { timestamp: Date.UTC(2024, 2, 12, 8), service: 'block-store', message: first, level: 'INFO' },
      { timestamp: Date.UTC(2024, 2, 12, 8, 0, 1), service: '/ecs/block-store', message: second },
    ]);
  });

  it('takes the file name as the service of a record that names none', async () => {
    const file = writeFile(
      tempDir(),
      'block-store.jsonl',
      jsonl([{ timestamp: '2024-03-12T08:00:00Z', message: first }]),
    );

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
    expect(problems.map(({ file: where, line }) => ({ where, line }))).toEqual(
      [2, 3, 4, 5].map((line) => ({ where: file, line })),
    );
    expect(problems[0]?.problem).toMatch(/^not valid JSON/);
    expect(problems[1]?.problem).toMatch(/^timestamp: not an ISO-8601 timestamp/);
    expect(problems[2]?.problem).toMatch(/^message:/);
    expect(problems[3]?.problem).toMatch(/^timestamp:/);
    expect(stream.stats.problems).toBe(4);
  });

  it('says a line was cut when it is longer than the line cap', async () => {
    const file = writeFile(
      tempDir(),
      'big.jsonl',
      jsonl([{ timestamp: '2024-03-12T08:00:00Z', message: first.repeat(40) }]),
    );
    const problems: LogProblem[] = [];

    await collect(readLogEvents([file], { maxLineBytes: 1024, onProblem: (problem) => problems.push(problem) }));

    expect(problems).toEqual([{ file, line: 1, problem: expect.stringContaining('longer than the line cap') }]);
  });
});

describe('checking a JSON log record', () => {
  const [message = ''] = loghubLines('HDFS', 1);

  /** What the schema alone makes of a value: the reference the hand-written check must match. */
  function bySchema(value: unknown): ReturnType<typeof toLogEvent> {
    const parsed = jsonLogRecordSchema.safeParse(value);
    if (!parsed.success) return { problem: describeIssues(parsed.error) };
    const { timestamp, service, logGroup } = parsed.data;
    return { event: { timestamp, service: service ?? logGroup ?? 'fallback', message: parsed.data.message } };
  }

  it('gives what the schema gives, for every mix of good and bad fields', () => {
    // Prepare: each field absent, well formed, or wrong in the ways JSON allows
    const timestamps = [
      undefined,
      1_710_230_400_000,
      0,
      -1.5,
      '2024-03-12T08:00:00.123Z',
      '2024-03-12T09:00:00+01:00',
      '2024-03-12 08:00:00Z',
      'yesterday',
      '',
      null,
      true,
      [1],
      { at: 1 },
    ];
    const names = [undefined, 'block-store', '', 7, null];
    const messages = [undefined, message, '', 42, null, { text: message }];
    const values: unknown[] = [null, 3, 'text', [], [{ timestamp: 1, message }]];
    for (const timestamp of timestamps) {
      for (const service of names) {
        for (const logGroup of names) {
          for (const text of messages)
            values.push(JSON.parse(JSON.stringify({ timestamp, service, logGroup, message: text, level: 'INFO' })));
        }
      }
    }

    // Act
    const differing = values.filter(
      (value) => JSON.stringify(toLogEvent(value, 'fallback')) !== JSON.stringify(bySchema(value)),
    );

    // Assess
    expect(differing).toEqual([]);
    expect(values.filter((value) => 'event' in bySchema(value)).length).toBeGreaterThan(40);
  });
});

describe('reading JSON Lines logs of other shapes', () => {
  const tempDir = useTempDir();
  const lines = loghubLines('HDFS', 30);
  const T = Date.UTC(2024, 3, 2, 10, 0, 0);

  it('reads pino records: time in epoch ms, msg, and the numeric level as a severity', async () => {
    const records = lines.map((msg, i) => ({ level: i === 3 ? 50 : 30, time: T + i, pid: 81, hostname: 'h1', msg }));
    const file = writeFile(tempDir(), 'api.jsonl', jsonl(records));

    const events = await collect(readLogEvents([file]));

    expect(events).toHaveLength(30);
    expect(events[3]).toEqual({ timestamp: T + 3, service: 'api', message: lines[3], level: 'ERROR' });
    expect(events[4]).toEqual({ timestamp: T + 4, service: 'api', message: lines[4], level: 'INFO' });
  });

  it('reads Docker json-file records, the text line inside `log` kept whole for the header parser', async () => {
    const records = lines.map((line, i) => ({
      log: `${line}\n`,
      stream: 'stdout',
      time: new Date(T + i).toISOString(),
    }));
    const file = writeFile(tempDir(), 'container.json', jsonl(records));

    const events = await collect(readLogEvents([file]));

    expect(events.map((e) => [e.timestamp, e.message])).toEqual(lines.map((line, i) => [T + i, `${line}\n`]));
  });

  it('reads a shape it has no convention for by what the values show', async () => {
    const records = lines.map((text, i) => ({ at_ms: T + i * 1000, node: `dn-${i % 3}`, body: text }));
    const file = writeFile(tempDir(), 'datanode.jsonl', jsonl(records));

    const events = await collect(readLogEvents([file]));

    expect(events.map((e) => e.message)).toEqual(lines);
    expect(events[29]?.timestamp).toBe(T + 29_000);
  });

  it('reads the fields logFields names', async () => {
    const records = lines.map((text, i) => ({ meta: { t: T + i, sev: 'warn' }, payload: { text } }));
    const file = writeFile(tempDir(), 'mapped.jsonl', jsonl(records));

    const events = await collect(
      readLogEvents([file], { logFields: { message: 'payload.text', timestamp: 'meta.t', level: 'meta.sev' } }),
    );

    expect(events[0]).toEqual({ timestamp: T, service: 'mapped', message: lines[0], level: 'WARN' });
  });

  it('gives one problem, naming the fields found and the ones needed, for a file whose records lack them', async () => {
    const records = lines.map((_, i) => ({ id: i, ok: true, tags: ['a'] }));
    const file = writeFile(tempDir(), 'metrics.jsonl', jsonl(records));
    const problems: LogProblem[] = [];

    const stream = readLogEvents([file], { onProblem: (problem) => problems.push(problem) });
    const events = await collect(stream);

    expect(events).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, line: 1, lines: 30 });
    expect(problems[0]?.problem).toMatch(/^no message and no timestamp field: /);
    expect(problems[0]?.problem).toContain('id, ok, tags');
    expect(problems[0]?.problem).toContain('"logFields"');
    expect(stream.stats.problems).toBe(30);
  });

  describe("once the records' written layout is learnt", () => {
    const lines = loghubLines('HDFS', 60);
    const record = (i: number, message: unknown = lines[i]): Record<string, unknown> => ({
      timestamp: Date.UTC(2024, 2, 12, 8, 0, i),
      logGroup: i % 3 === 0 ? 'block-store' : 'name-node',
      logStream: `task/${i}`,
      message,
    });
    const cut = '{"timestamp":1710230436000,"logGroup":"name-node","logStream":"task/36","message":"cut';
    /** Well past the 20 records the shape is learnt from, with records the layout does not read among them. */
    const texts = [
      ...Array.from({ length: 30 }, (_, i) => JSON.stringify(record(i))),
      JSON.stringify(record(30, 'a "quoted" \\ word\ttab')),
      JSON.stringify({ logGroup: 'name-node', timestamp: Date.UTC(2024, 2, 12, 8, 0, 31), message: lines[31] }),
      JSON.stringify({ ...record(32), level: 'ERROR' }),
      JSON.stringify(record(33, { text: lines[33] })),
      JSON.stringify(record(34, 42)),
      JSON.stringify({ ...record(35), timestamp: 'yesterday' }),
      cut,
      JSON.stringify(record(37)).replace(',"message"', ', "message"'),
      ...Array.from({ length: 20 }, (_, i) => JSON.stringify(record(38 + i))),
    ];

    it('reads every line as parsing it whole does: the same events and the same problems on the same lines', async () => {
      // Written with a space after each comma, no record has the learnt layout: every line is parsed whole.
      const dir = tempDir();
      const fast = writeFile(dir, 'fast/export.jsonl', `${texts.join('\n')}\n`);
      const whole = writeFile(
        dir,
        'whole/export.jsonl',
        `${texts.map((t) => (t === cut ? t : t.replaceAll('","', '", "'))).join('\n')}\n`,
      );
      const read = async (file: string) => {
        const problems: LogProblem[] = [];
        const events = await collect(readLogEvents([file], { onProblem: (problem) => problems.push(problem) }));
        return { events, problems: problems.map(({ line, problem }) => ({ line, problem })) };
      };

      const [byLayout, parsed] = await Promise.all([read(fast), read(whole)]);

      expect(byLayout).toEqual(parsed);
      expect(byLayout.events).toHaveLength(texts.length - 4);
      expect(byLayout.problems.map(({ line }) => line)).toEqual([34, 35, 36, 37]);
      expect(byLayout.problems[3]?.problem).toMatch(/^not valid JSON/);
      expect(byLayout.events.find((event) => event.message.startsWith('a "quoted"'))?.message).toBe(
        'a "quoted" \\ word\ttab',
      );
    });
  });
});
