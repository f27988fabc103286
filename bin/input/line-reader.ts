/**
 * Reads a byte stream as text lines without holding more than one line in memory, and without
 * trusting the bytes: invalid UTF-8 becomes U+FFFD, `\r\n` and `\n` both end a line, a line
 * longer than the cap keeps only its first `maxLineBytes` bytes (the rest is skipped up to the
 * next newline), and NULs or other binary bytes pass through as characters.
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

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

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

/** Splits `source` (a readable stream or any async iterable of chunks) into lines. */
export async function* readLines(
  source: AsyncIterable<Uint8Array | string>,
  options: LineReaderOptions = {},
): AsyncGenerator<ReadLine, void, undefined> {
  const maxLineBytes = options.maxLineBytes ?? LINE_READER_DEFAULTS.maxLineBytes;
  let pieces: Buffer[] = [];
  let pendingBytes = 0;
  let truncated = false;
  let number = 0;

  const keep = (piece: Buffer): void => {
    if (piece.length === 0) return;
    const room = maxLineBytes - pendingBytes;
    if (piece.length > room) truncated = true;
    if (room <= 0) return;
    const kept = piece.length > room ? piece.subarray(0, room) : piece;
    // Copy: a sub-array would pin the whole chunk while the line is pending.
    pieces.push(Buffer.from(kept));
    pendingBytes += kept.length;
  };

  const finish = (bytes: Buffer): ReadLine => {
    let end = bytes.length;
    if (truncated) end = completeUtf8Length(bytes, end);
    else if (end > 0 && bytes[end - 1] === CARRIAGE_RETURN) end -= 1;
    number += 1;
    let text = bytes.toString('utf8', 0, end);
    if (number === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte order mark
    const line: ReadLine = { number, text, truncated };
    pieces = [];
    pendingBytes = 0;
    truncated = false;
    return line;
  };

  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(NEWLINE, start);
      if (newline === -1) {
        keep(bytes.subarray(start));
        break;
      }
      if (pieces.length === 0 && newline - start <= maxLineBytes) {
        // The common case: the whole line sits in this chunk, decode it in place.
        yield finish(bytes.subarray(start, newline));
      } else {
        keep(bytes.subarray(start, newline));
        yield finish(pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces));
      }
      start = newline + 1;
    }
  }
  // A last line without a newline at the end of the input.
  if (pieces.length > 0) yield finish(Buffer.concat(pieces));
}
