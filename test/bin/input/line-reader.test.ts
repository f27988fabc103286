import { Readable } from 'node:stream';
import { LineSplitter, readLineBatches, readLines, type LineBatch } from '../../../bin/input/line-reader';
import { collect, loghubLines, seeded } from './fixtures';

/** `bytes` cut at random places into chunks of 1 to `maxChunk` bytes. */
function chunked(bytes: Buffer, random: () => number, maxChunk: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * maxChunk);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

/** What the lines of `bytes` must read as, when none is over the cap: the whole input decoded at once, then split. */
function expectedLines(bytes: Buffer): string[] {
  const lines = bytes.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, index) => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    return index === 0 && text.startsWith('\uFEFF') ? text.slice(1) : text;
  });
}

const textsOf = (batches: readonly LineBatch[]): string[] => batches.flatMap((batch) => [...batch.texts]);

describe('readLineBatches', () => {
  it('gives the batches of batchBytes-sized reads when a chunk read is larger, cut lines included', async () => {
    const lines = loghubLines('OpenSSH', 400).map((line, i) => (i % 50 === 0 ? line.repeat(30) : line));
    const bytes = Buffer.from(`${lines.join('\n')}\nlast line without an end`);
    const small = 512;
    const pieces = (size: number): Buffer[] =>
      Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
    const options = { maxLineBytes: 1000 };

    const large = await collect(readLineBatches(Readable.from(pieces(small * 16)), { ...options, batchBytes: small }));
    const read = await collect(readLineBatches(Readable.from(pieces(small)), options));

    expect(large).toEqual(read);
    expect(large.some((batch) => batch.truncated.length > 0)).toBe(true);
  });

  it('gives one batch per chunk, numbered on from the batch before', async () => {
    const lines = loghubLines('OpenSSH', 6);
    const chunks = [
      `${lines[0]}\n${lines[1]}\n${lines[2]?.slice(0, 10)}`,
      `${lines[2]?.slice(10)}\n${lines[3]}\n`,
      `${lines[4]}\n${lines[5]}`,
    ];

    const batches = await collect(readLineBatches(Readable.from(chunks)));

    expect(batches).toEqual([
      { firstNumber: 1, texts: [lines[0], lines[1]], truncated: [] },
      { firstNumber: 3, texts: [lines[2], lines[3]], truncated: [] },
      { firstNumber: 5, texts: [lines[4]], truncated: [] },
      { firstNumber: 6, texts: [lines[5]], truncated: [] },
    ]);
  });

  it('decodes characters and invalid bytes split across chunks as the whole input decodes them', async () => {
    // Prepare: real lines with 2-, 3- and 4-byte characters, stray continuation bytes, cut sequences, CR and NUL mixed in
    const random = seeded(7);
    const extras = [
      Buffer.from('é'),
      Buffer.from('€'),
      Buffer.from('😀'),
      Buffer.from([0x80]),
      Buffer.from([0xe2, 0x82]),
      Buffer.from([0xf0, 0x9f]),
      Buffer.from([0xff]),
      Buffer.from('\r'),
      Buffer.from([0]),
    ];
    const parts: Buffer[] = [Buffer.from('\uFEFF')];
    for (const line of loghubLines('Linux', 300)) {
      const at = Math.floor(random() * line.length);
      const extra = extras[Math.floor(random() * extras.length)] as Buffer;
      parts.push(
        Buffer.from(line.slice(0, at)),
        extra,
        Buffer.from(line.slice(at)),
        Buffer.from(random() < 0.2 ? '\r\n' : '\n'),
      );
    }
    const bytes = Buffer.concat(parts);

    for (const maxChunk of [1, 3, 17, 4096]) {
      // Act
      const batches = await collect(readLineBatches(Readable.from(chunked(bytes, random, maxChunk))));

      // Assess
      expect(textsOf(batches)).toEqual(expectedLines(bytes));
      expect(batches.every((batch) => batch.truncated.length === 0)).toBe(true);
    }
  });

  it('lists the lines cut at the cap by their index in the batch, and reads the line after them whole', async () => {
    const [long = ''] = loghubLines('Hadoop', 1);

    const batches = await collect(
      readLineBatches(Readable.from([Buffer.from(`ok\n${long}\nok\n${long}`)]), { maxLineBytes: 40 }),
    );

    expect(batches).toEqual([
      { firstNumber: 1, texts: ['ok', long.slice(0, 40), 'ok'], truncated: [1] },
      { firstNumber: 4, texts: [long.slice(0, 40)], truncated: [0] },
    ]);
  });
});

describe('LineSplitter', () => {
  it('splits chunks synchronously and gives the unterminated last line at the end', () => {
    const [first = '', second = ''] = loghubLines('Apache', 2);
    const splitter = new LineSplitter();

    const batches = [splitter.push(`${first}\n${second.slice(0, 5)}`), splitter.push(second.slice(5)), splitter.end()];

    expect(batches).toEqual([
      { firstNumber: 1, texts: [first], truncated: [] },
      undefined,
      { firstNumber: 2, texts: [second], truncated: [] },
    ]);
  });
});

describe('readLines over batches', () => {
  it('numbers every line and flags the cut ones, across batches', async () => {
    const [line = ''] = loghubLines('HDFS', 1);
    const chunks = [`${line}\nshort\n`, `${line}\n`, 'tail'];

    const lines = await collect(readLines(Readable.from(chunks), { maxLineBytes: 10 }));

    expect(lines).toEqual([
      { number: 1, text: line.slice(0, 10), truncated: true },
      { number: 2, text: 'short', truncated: false },
      { number: 3, text: line.slice(0, 10), truncated: true },
      { number: 4, text: 'tail', truncated: false },
    ]);
  });
});
