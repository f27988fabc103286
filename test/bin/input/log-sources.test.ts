import { SOURCE_FORMAT_DEFAULTS } from '../../../lambdas/core/log-format';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidInputError } from '../../../lambdas/core/errors';
import { type LogProblem, listLogFiles, readLogEventBatches, readLogEvents } from '../../../bin/input/log-sources';
import { collect, loghubLines, useTempDir, writeFile } from './fixtures';

describe('listLogFiles', () => {
  const tempDir = useTempDir();

  it('walks folders recursively in name order, keeping log files and skipping hidden entries and other files', async () => {
    const dir = tempDir();
    const expected = [
      writeFile(dir, 'a/api.jsonl', ''),
      writeFile(dir, 'a/b/worker.log.1', ''),
      writeFile(dir, 'a/b/worker.log', ''),
      writeFile(dir, 'export.json', ''),
      writeFile(dir, 'notes.txt', ''),
    ];
    writeFile(dir, '.git/HEAD.log', '');
    writeFile(dir, 'a/.cache.log', '');
    writeFile(dir, 'a/archive.gz', '');
    writeFile(dir, 'README.md', '');

    const files = await listLogFiles([dir]);

    expect([...files].sort()).toEqual([...expected].sort());
    expect(files[0]).toBe(path.join(dir, 'a/api.jsonl'));
  });

  it('reads a file named explicitly whatever its extension, and lists a file named twice once', async () => {
    const file = writeFile(tempDir(), 'service.out', '');

    expect(await listLogFiles([file, file])).toEqual([file]);
  });

  it('follows a symbolic link to a folder once, even when it points back up the tree', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'logs/app.log', '');
    symlinkSync(dir, path.join(dir, 'logs', 'loop'));

    expect(await listLogFiles([dir])).toEqual([file]);
  });

  it('throws an InvalidInputError naming a path that does not exist', async () => {
    const missing = path.join(tempDir(), 'nope');

    const listing = listLogFiles([missing]);

    await expect(listing).rejects.toBeInstanceOf(InvalidInputError);
    await expect(listing).rejects.toThrow(`cannot read log path ${missing}: no such file or directory`);
  });

  it('throws an InvalidInputError when a folder holds no log files', async () => {
    const dir = tempDir();
    writeFile(dir, 'README.md', '');

    await expect(listLogFiles([dir])).rejects.toThrow(InvalidInputError);
    await expect(listLogFiles([dir])).rejects.toThrow(`no log files in ${dir}`);
  });
});

describe('readLogEvents', () => {
  const tempDir = useTempDir();
  const zookeeper = loghubLines('Zookeeper', 40);
  const hdfs = loghubLines('HDFS', 40);

  it('merges the events of all files and formats in time order', async () => {
    const dir = tempDir();
    const start = Date.UTC(2024, 2, 12, 8);
    // Zookeeper lines every 3 s as a .log file, HDFS lines every 2 s as JSON Lines, one minute each.
    const text = zookeeper
      .slice(0, 20)
      .map((line, i) => `${new Date(start + i * 3000).toISOString()} ${line.slice(24)}`);
    const json = hdfs
      .slice(0, 30)
      .map((line, i) => JSON.stringify({ timestamp: start + i * 2000, service: 'block-store', message: line }));
    writeFile(dir, 'coordinator.log', `${text.join('\n')}\n`);
    writeFile(dir, 'json/block-store.jsonl', `${json.join('\n')}\n`);

    const stream = readLogEvents([dir]);
    const events = await collect(stream);

    const timestamps = events.map((event) => event.timestamp);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    expect(events.filter((event) => event.service === 'coordinator')).toHaveLength(20);
    expect(events.filter((event) => event.service === 'block-store')).toHaveLength(30);
    expect(stream.stats).toEqual({ files: 2, events: 50, problems: 0 });
  });

  it('throws an InvalidInputError naming an unreadable path from the first read', async () => {
    const missing = path.join(tempDir(), 'missing.log');

    await expect(collect(readLogEvents([missing]))).rejects.toThrow(`cannot read log path ${missing}`);
  });

  it('throws an InvalidInputError naming a broken symbolic link met in a folder', async () => {
    const dir = tempDir();
    writeFile(dir, 'coordinator.log', `${zookeeper[0]}\n`);
    const broken = path.join(dir, 'old.log');
    symlinkSync(path.join(dir, 'rotated-away.log'), broken);

    const reading = collect(readLogEvents([dir]));

    await expect(reading).rejects.toBeInstanceOf(InvalidInputError);
    await expect(reading).rejects.toThrow(`cannot read log path ${broken}: no such file or directory`);
  });
});

describe('readLogEventBatches', () => {
  const tempDir = useTempDir();
  const zookeeper = loghubLines('Zookeeper', 60);
  const hdfs = loghubLines('HDFS', 60);
  const start = Date.UTC(2024, 2, 12, 8);

  /** A text log with stack traces, CRLF and multi-byte characters, a JSON Lines file with bad lines, and a CloudWatch export. */
  function writeMixedFolder(dir: string): void {
    const text = zookeeper.flatMap((line, i) => {
      const event = `${new Date(start + i * 3000).toISOString()} ${line.slice(24)} — größe ✓`;
      return i % 7 === 0 ? [event, '\tat org.apache.zookeeper.Frame(Frame.java:1) ✗'] : [event];
    });
    const json = hdfs.map((line, i) =>
      i % 11 === 5
        ? '{"timestamp": "2024-03-12T08:00:01Z", "message": '
        : JSON.stringify({ timestamp: start + i * 2000, service: 'block-store', message: `${line} ✓` }),
    );
    const exported = {
      events: hdfs
        .slice(0, 20)
        .map((line, i) => ({ logStreamName: 's', timestamp: start + i * 5000 + 1, message: `${line}\n` })),
    };
    writeFile(dir, 'coordinator.log', `${text.join('\r\n')}\r\n`);
    writeFile(dir, 'json/block-store.jsonl', `${json.join('\n')}\n`);
    writeFile(dir, 'export.json', JSON.stringify(exported, null, 2));
  }

  it('reads the same events and problems as readLogEvents, in time-ordered batches, however small the chunks', async () => {
    // Prepare
    const dir = tempDir();
    writeMixedFolder(dir);
    const expectedProblems: LogProblem[] = [];
    const expectedStream = readLogEvents([dir], { onProblem: (problem) => expectedProblems.push(problem) });
    const expected = await collect(expectedStream);
    const problems: LogProblem[] = [];

    // Act
    const stream = readLogEventBatches([dir], {
      chunkBytes: 7,
      maxBatchEvents: 5,
      onProblem: (problem) => problems.push(problem),
    });
    const batches = await collect(stream);

    // Assess
    expect(batches.flat()).toEqual(expected);
    expect(problems).toEqual(expectedProblems);
    expect(problems.map((problem) => problem.line)).toEqual([6, 17, 28, 39, 50]);
    const timestamps = expected.map((event) => event.timestamp);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(5);
    expect(stream.stats).toEqual({ files: 3, events: expected.length, problems: 5 });
    expect(expectedStream.stats).toEqual(stream.stats);
  });

  it('streams a file chunk by chunk instead of reading it whole', async () => {
    const dir = tempDir();
    const lines = loghubLines('Spark', 2000).map((line, i) => `${new Date(start + i * 10).toISOString()} ${line}`);
    writeFile(dir, 'executor.log', `${lines.join('\n')}\n`);

    const batches = await collect(readLogEventBatches([dir], { chunkBytes: 4096, reorderEvents: 32 }));

    expect(batches.flat()).toHaveLength(2000);
    // The first batch may hold the lines the file's layout is learnt from (one sample), never the whole file.
    expect(batches.length).toBeGreaterThan(10);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(
      SOURCE_FORMAT_DEFAULTS.sampleSize + 64,
    );
  });
});
