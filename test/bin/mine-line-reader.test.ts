import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readLines, type ReadLine } from '../../bin/input';
import { LOGHUB_DIR } from '../support/loghub-dir';

const OPENSSH_LOG = path.join(LOGHUB_DIR, 'OpenSSH', 'OpenSSH_2k.log');

async function collect(chunks: (Buffer | string)[], maxLineBytes?: number): Promise<ReadLine[]> {
  const lines: ReadLine[] = [];
  const options = maxLineBytes === undefined ? {} : { maxLineBytes };
  for await (const line of readLines(Readable.from(chunks), options)) lines.push(line);
  return lines;
}

describe('readLines', () => {
  it('reads every line of a real log file, whatever the chunk boundaries', async () => {
    // Prepare: split the file into 7-byte chunks so lines and characters straddle chunks
    const bytes = readFileSync(OPENSSH_LOG);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));

    // Act
    const lines = await collect(chunks);

    // Assess
    expect(lines.map((line) => line.text)).toEqual(
      bytes
        .toString('utf8')
        .split('\n')
        .filter((line, i, all) => i < all.length - 1 || line !== ''),
    );
    expect(lines.every((line) => !line.truncated)).toBe(true);
  });

  it('ends lines at \\n and \\r\\n and reports a last line without a newline', async () => {
    const lines = await collect(['Accepted password for root\r\n\r\n', 'pam_unix(sshd:session): session closed\nlast']);
    expect(lines).toEqual([
      { number: 1, text: 'Accepted password for root', truncated: false },
      { number: 2, text: '', truncated: false },
      { number: 3, text: 'pam_unix(sshd:session): session closed', truncated: false },
      { number: 4, text: 'last', truncated: false },
    ]);
  });

  it('yields nothing for empty input', async () => {
    expect(await collect([])).toEqual([]);
  });

  it('keeps the first bytes of a long line, cut at a character boundary, and skips the rest', async () => {
    // Prepare: "é" is two bytes; a 5-byte cap falls in the middle of the third one
    const text = 'ééééé tail';

    // Act
    const lines = await collect([Buffer.from(`${text}\nnext\n`)], 5);

    // Assess
    expect(lines).toEqual([
      { number: 1, text: 'éé', truncated: true },
      { number: 2, text: 'next', truncated: false },
    ]);
  });

  it('cuts a long line that arrives over many chunks without keeping the rest', async () => {
    const chunks = [Buffer.from('abc'), Buffer.from('defgh'), Buffer.from('ijk\nok\n')];
    const lines = await collect(chunks, 4);
    expect(lines.map((line) => [line.text, line.truncated])).toEqual([
      ['abcd', true],
      ['ok', false],
    ]);
  });

  it('decodes invalid UTF-8 as U+FFFD and passes NUL bytes through', async () => {
    const lines = await collect([Buffer.from([0x61, 0xff, 0x00, 0x62, 0x0a])]);
    expect(lines).toEqual([{ number: 1, text: 'a\uFFFD\u0000b', truncated: false }]);
  });

  it('drops a byte order mark at the start of the input only', async () => {
    const lines = await collect([Buffer.from('\uFEFFfirst\n\uFEFFsecond\n')]);
    expect(lines.map((line) => line.text)).toEqual(['first', '\uFEFFsecond']);
  });
});
