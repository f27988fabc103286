import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { buildCli, type BuiltCli } from '../support/built-cli';
import { LOGHUB_DIR } from '../support/loghub-dir';

const _REPO = path.resolve(__dirname, '../..');

const HDFS_LOG = path.join(LOGHUB_DIR, 'HDFS', 'HDFS_2k.log');
const HDFS_LINES = readFileSync(HDFS_LOG, 'utf8')
  .split('\n')
  .filter((line) => line !== '');

const finalRecord = z.strictObject({
  line: z.number().int().positive(),
  templateId: z.string(),
  template: z.string(),
});

const minedRecord = finalRecord.extend({
  params: z.array(z.object({ type: z.string(), value: z.string() })),
});

function parseJsonl(stdout: string): z.infer<typeof finalRecord>[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => finalRecord.parse(JSON.parse(line)));
}

function parseAsMined(stdout: string): z.infer<typeof minedRecord>[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => minedRecord.parse(JSON.parse(line)));
}

/** Table rows as [id, count, template]. */
function tableRows(stdout: string): [string, number, string][] {
  const [header, ...rest] = stdout.split('\n');
  expect(header).toMatch(/^ID +COUNT {2}TEMPLATE$/);
  const rows: [string, number, string][] = [];
  for (const line of rest) {
    if (line === '') break;
    const match = /^(\S+) +(\d+) {2}(.*)$/.exec(line);
    if (!match) throw new Error(`not a table row: ${line}`);
    rows.push([match[1] ?? '', Number(match[2]), match[3] ?? '']);
  }
  return rows;
}

describe('culprit mine', () => {
  let cli: BuiltCli;
  let scratch: string;

  beforeAll(() => {
    cli = buildCli();
    scratch = cli.dir;
  });

  afterAll(() => cli.remove());

  it('prints the templates of the HDFS sample, most frequent first, with the ground-truth counts', async () => {
    // Act
    const result = await cli.run(['mine', '--input', HDFS_LOG, '--raw']);

    // Assess
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const rows = tableRows(result.stdout);
    const counts = rows.map(([, count]) => count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(2000);
    expect(rows.find(([, , template]) => template.includes('NameSystem.addStoredBlock'))?.[1]).toBe(314);
    expect(rows.find(([, , template]) => template.startsWith('PacketResponder'))?.[1]).toBe(311);
    expect(result.stdout).toMatch(/\n2000 lines mined into \d+ templates\n$/);
  });

  it('prints one JSON object per input line, in input order, with the final template of its group', async () => {
    // Act
    const jsonl = await cli.run(['mine', '--input', HDFS_LOG, '--raw', '--jsonl']);
    const table = await cli.run(['mine', '--input', HDFS_LOG, '--raw']);

    // Assess: every line names a template of the final table, and the table's counts are its lines
    expect(jsonl.code).toBe(0);
    const records = parseJsonl(jsonl.stdout);
    expect(records.map((record) => record.line)).toEqual(HDFS_LINES.map((_, index) => index + 1));
    expect(records[0]?.template).toMatch(/^PacketResponder <\w+> for block .* terminating$/);
    const linesPerId = new Map<string, number>();
    for (const record of records) linesPerId.set(record.templateId, (linesPerId.get(record.templateId) ?? 0) + 1);
    const rows = tableRows(table.stdout);
    expect(new Map(rows.map(([id, count]) => [id, count]))).toEqual(linesPerId);
    const finalText = new Map(rows.map(([id, , template]) => [id, template]));
    expect(records.every((record) => finalText.get(record.templateId) === record.template)).toBe(true);
  });

  it('gives lines mined before their templates merged the id of the merged group', async () => {
    // Prepare: three words at one position keep three templates; the fourth makes it a variable
    const input = ['alice', 'bob', 'carol', 'dave'].map((user) => `login accepted for ${user} from web`).join('\n');

    // Act
    const final = await cli.run(['mine', '--input', '-', '--jsonl'], input);
    const asMined = await cli.run(['mine', '--input', '-', '--as-mined'], input);

    // Assess
    const finalRecords = parseJsonl(final.stdout);
    expect(new Set(finalRecords.map((record) => record.templateId)).size).toBe(1);
    expect(finalRecords.map((record) => record.template)).toEqual(
      Array.from({ length: 4 }, () => 'login accepted for <*> from web'),
    );
    const minedRecords = parseAsMined(asMined.stdout);
    expect(new Set(minedRecords.map((record) => record.templateId)).size).toBe(3);
    expect(minedRecords[0]?.templateId).toBe(finalRecords[0]?.templateId);
  });

  it('streams each line as mined, with its typed parameters, under --as-mined', async () => {
    // Act
    const result = await cli.run(['mine', '--input', HDFS_LOG, '--raw', '--as-mined']);

    // Assess
    expect(result.code).toBe(0);
    const records = parseAsMined(result.stdout);
    expect(records.map((record) => record.line)).toEqual(HDFS_LINES.map((_, index) => index + 1));
    expect(records[0]?.params.map((param) => param.value)).toEqual(expect.arrayContaining(['1']));
    expect(records.every((record) => record.templateId !== '')).toBe(true);
  });

  it('reads stdin when the input is "-"', async () => {
    // Prepare
    const input = `${HDFS_LINES.slice(0, 50).join('\n')}\n`;

    // Act
    const result = await cli.run(['mine', '--input', '-', '--raw'], input);

    // Assess
    expect(result.code).toBe(0);
    expect(tableRows(result.stdout).reduce((sum, [, count]) => sum + count, 0)).toBe(50);
  });

  it('keeps line numbers aligned across empty lines and \\r\\n line ends', async () => {
    // Prepare
    const input = `${HDFS_LINES[0]}\r\n\r\n\n   \n${HDFS_LINES[1]}\r\n`;

    // Act
    const result = await cli.run(['mine', '--input', '-', '--raw', '--jsonl'], input);

    // Assess
    const records = parseJsonl(result.stdout);
    expect(records.map((record) => [record.line, record.templateId === ''])).toEqual([
      [1, false],
      [2, true],
      [3, true],
      [4, true],
      [5, false],
    ]);
    expect(records[1]).toEqual({ line: 2, templateId: '', template: '' });
    expect(records[4]?.templateId).toBe(records[0]?.templateId);
    expect(records[4]?.template).not.toMatch(/\r/);
  });

  it('exits 2 and names the file when the input does not exist', async () => {
    // Act
    const result = await cli.run(['mine', '--input', 'no/such/file.log']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('culprit mine: cannot read no/such/file.log: no such file or directory\n');
    expect(result.stdout).toBe('');
  });

  it('exits 2 when the input is a directory', async () => {
    const result = await cli.run(['mine', '--input', scratch]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`culprit mine: cannot read ${scratch}: is a directory\n`);
  });

  it('reads invalid UTF-8 as U+FFFD and mines the line', async () => {
    // Prepare: a real line with two bytes that are not UTF-8 in a parameter
    const line = Buffer.concat([
      Buffer.from('081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' terminating\n'),
    ]);

    // Act
    const result = await cli.run(['mine', '--input', '-', '--raw', '--as-mined'], line);

    // Assess
    expect(result.code).toBe(0);
    const [record] = parseAsMined(result.stdout);
    expect(JSON.stringify(record)).toContain('\uFFFD\uFFFD');
    expect(record?.template).toMatch(/^PacketResponder /);
  });

  it('mines the first 64 KiB of a longer line, warns, and carries on with the next line', async () => {
    // Prepare
    const file = path.join(scratch, 'long.log');
    const long = `${HDFS_LINES[0]} ${'x'.repeat(100 * 1024)}`;
    writeFileSync(file, `${long}\n${HDFS_LINES[1]}\n`);

    // Act
    const result = await cli.run(['mine', '--input', file, '--jsonl']);

    // Assess
    expect(result.code).toBe(0);
    const records = parseJsonl(result.stdout);
    expect(records.map((record) => record.line)).toEqual([1, 2]);
    expect(Buffer.byteLength(records[0]?.template ?? '')).toBeLessThanOrEqual(64 * 1024);
    expect(records[0]?.template).toContain('PacketResponder');
    expect(result.stderr).toBe('culprit mine: 1 line(s) longer than 64 KiB, mined by their first 64 KiB (line 1)\n');
  });

  it('survives binary garbage and still prints a table', async () => {
    // Prepare: 1 MiB of deterministic pseudo-random bytes, NULs and stray newlines included
    const bytes = Buffer.alloc(1024 * 1024);
    let state = 12345;
    for (let i = 0; i < bytes.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      bytes[i] = state >>> 24;
    }
    const file = path.join(scratch, 'garbage.bin');
    writeFileSync(file, bytes);

    // Act
    const result = await cli.run(['mine', '--input', file]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ID +COUNT {2}TEMPLATE\n/);
    expect(result.stdout).toMatch(/\n\d+ lines mined into \d+ templates/);
  });

  it('explains itself with examples in --help', async () => {
    const result = await cli.run(['mine', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--input <file>');
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('culprit mine --input app.log --jsonl');
  });
});
