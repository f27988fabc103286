/**
 * Reads a byte stream as text lines without holding more than one chunk and one line in memory, and
 * without trusting the bytes: invalid UTF-8 becomes U+FFFD, `\r\n` and `\n` both end a line, a line
 * longer than the cap keeps only its first `maxLineBytes` bytes (the rest is skipped up to the next
 * newline), and NULs or other binary bytes pass through as characters.
 *
 * Lines come in batches, one per chunk read: awaiting once per line costs more than splitting it.
 */

export const LINE_READER_DEFAULTS = {
  /**
   * Bytes of a line that are kept; a longer line is cut at a character boundary.
   * @default 65536
   */
  maxLineBytes: 64 * 1024,
} as const;

export interface LineReaderOptions {
  /** @default 65536 */
  readonly maxLineBytes?: number;
}

export interface ReadLine {
  /** 1-based line number in the input. */
  readonly number: number;
  /** The line without its end of line; possibly cut (see `truncated`). */
  readonly text: string;
  /** True when the line was longer than `maxLineBytes` and only its start is in `text`. */
  readonly truncated: boolean;
}

/** Consecutive lines of the input: line `firstNumber + i` is `texts[i]`. */
export interface LineBatch {
  /** 1-based line number of `texts[0]`. */
  readonly firstNumber: number;
  /** The lines without their ends of line; possibly cut (see `truncated`). Never empty. */
  readonly texts: readonly string[];
  /** Indexes into `texts` of the lines that were cut at `maxLineBytes`, ascending; usually none. */
  readonly truncated: readonly number[];
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BYTE_ORDER_MARK = 0xfeff;
const NOTHING_CUT: readonly number[] = Object.freeze([]);

/** Length of `bytes` without a UTF-8 sequence cut off at its end (so a cut line never ends in U+FFFD). */
function completeUtf8Length(bytes: Uint8Array, length: number): number {
  for (let back = 1; back <= 3 && back <= length; back++) {
    const byte = bytes[length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? length - back : length;
  }
  return length;
}

const toBuffer = (chunk: Uint8Array | string): Buffer =>
  typeof chunk === 'string'
    ? Buffer.from(chunk, 'utf8')
    : Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/**
 * Splits chunks of bytes into lines, synchronously: `push` each chunk, then `end` once. A line is
 * decoded on its own as soon as its newline is seen (a newline byte never sits inside a UTF-8
 * sequence, so characters split across chunks come out whole); only a line still open at the end of
 * a chunk is kept, copied and capped at `maxLineBytes`.
 */
export class LineSplitter {
  private readonly maxLineBytes: number;
  /** Bytes of the line still open at the end of the last chunk. */
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  private pendingCut = false;
  private lastNumber = 0;

  constructor(options: LineReaderOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? LINE_READER_DEFAULTS.maxLineBytes;
  }

  /** The lines that `chunk` completes, or undefined when it completes none. */
  push(chunk: Uint8Array | string): LineBatch | undefined {
    const bytes = toBuffer(chunk);
    const firstNumber = this.lastNumber + 1;
    const maxLineBytes = this.maxLineBytes;
    const texts: string[] = [];
    let truncated: number[] | undefined;
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(NEWLINE, start);
      if (newline === -1) break;
      if (this.pieces.length === 0 && !this.pendingCut && newline - start <= maxLineBytes) {
        // The common case: the whole line sits in this chunk, decode it in place.
        const end = newline > start && bytes[newline - 1] === CARRIAGE_RETURN ? newline - 1 : newline;
        texts.push(bytes.toString('utf8', start, end));
      } else {
        this.keep(bytes.subarray(start, newline));
        if (this.pendingCut) {
          truncated ??= [];
          truncated.push(texts.length);
        }
        texts.push(this.takePending());
      }
      start = newline + 1;
    }
    this.keep(bytes.subarray(start));
    return this.batch(firstNumber, texts, truncated);
  }

  /** The last line, when the input does not end with a newline. */
  end(): LineBatch | undefined {
    if (this.pieces.length === 0) return undefined;
    const cut = this.pendingCut;
    return this.batch(this.lastNumber + 1, [this.takePending()], cut ? [0] : undefined);
  }

  private batch(firstNumber: number, texts: string[], truncated: number[] | undefined): LineBatch | undefined {
    if (texts.length === 0) return undefined;
    // A byte order mark is a property of the input, not part of its first line.
    if (firstNumber === 1 && (texts[0] as string).charCodeAt(0) === BYTE_ORDER_MARK)
      texts[0] = (texts[0] as string).slice(1);
    this.lastNumber = firstNumber + texts.length - 1;
    return { firstNumber, texts, truncated: truncated ?? NOTHING_CUT };
  }

  private keep(piece: Buffer): void {
    if (piece.length === 0) return;
    const room = this.maxLineBytes - this.pendingBytes;
    if (piece.length > room) this.pendingCut = true;
    if (room <= 0) return;
    const kept = piece.length > room ? piece.subarray(0, room) : piece;
    // Copy: a sub-array would pin the whole chunk while the line is pending.
    this.pieces.push(Buffer.from(kept));
    this.pendingBytes += kept.length;
  }

  private takePending(): string {
    const bytes = this.pieces.length === 1 ? (this.pieces[0] as Buffer) : Buffer.concat(this.pieces);
    let end = bytes.length;
    if (this.pendingCut) end = completeUtf8Length(bytes, end);
    else if (end > 0 && bytes[end - 1] === CARRIAGE_RETURN) end -= 1;
    this.pieces = [];
    this.pendingBytes = 0;
    this.pendingCut = false;
    return bytes.toString('utf8', 0, end);
  }
}

export interface LineBatchOptions extends LineReaderOptions {
  /**
   * Bytes of a chunk that make one batch: a larger chunk is split into batches of this many bytes, exactly as if it
   * had been read in pieces that size (reading large chunks costs fewer reads and awaits).
   * @default the whole chunk
   */
  readonly batchBytes?: number;
}

/** Splits `source` (a readable stream or any async iterable of chunks) into batches of lines, one per chunk. */
export async function* readLineBatches(
  source: AsyncIterable<Uint8Array | string>,
  options: LineBatchOptions = {},
): AsyncGenerator<LineBatch, void, undefined> {
  const splitter = new LineSplitter(options);
  const batchBytes = options.batchBytes ?? Number.POSITIVE_INFINITY;
  for await (const chunk of source) {
    if (typeof chunk === 'string' || chunk.length <= batchBytes) {
      const batch = splitter.push(chunk);
      if (batch !== undefined) yield batch;
      continue;
    }
    for (let start = 0; start < chunk.length; start += batchBytes) {
      const batch = splitter.push(chunk.subarray(start, Math.min(start + batchBytes, chunk.length)));
      if (batch !== undefined) yield batch;
    }
  }
  const last = splitter.end();
  if (last !== undefined) yield last;
}

/** Splits `source` into lines, one at a time (see {@link readLineBatches} for the faster form). */
export async function* readLines(
  source: AsyncIterable<Uint8Array | string>,
  options: LineReaderOptions = {},
): AsyncGenerator<ReadLine, void, undefined> {
  for await (const batch of readLineBatches(source, options)) {
    let cut = 0;
    for (let i = 0; i < batch.texts.length; i++) {
      const truncated = batch.truncated[cut] === i;
      if (truncated) cut += 1;
      yield { number: batch.firstNumber + i, text: batch.texts[i] as string, truncated };
    }
  }
}
