/**
 * Splits a JSON document into the values of its top-level container as its bytes arrive, so that a document
 * of any size is read with memory bounded by its largest value: the elements of a top-level array; the
 * members of a top-level object, where a member whose value is an array is split into its elements in turn
 * (the `events` of a CloudWatch Logs export). Each value handed on is parsed by `JSON.parse`, as strict as a
 * whole document; the punctuation between values is checked here.
 *
 * Why not a streaming JSON library: the small maintained one (@streamparser/json) tokenizes every byte in
 * JavaScript, about 20 MB/s on a CloudWatch export here; this splitter finds where values end with
 * `Buffer.indexOf` and leaves the parsing to V8 (see docs/benchmarks.md).
 */

/** A JSON document that breaks the grammar; `line` is 1-based. */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly line: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Where a value sits: `[index]` in a top-level array, `[key]` in a top-level object, `[key, index]` below. */
export type ContainerPath = readonly [number] | readonly [string] | readonly [string, number];

export interface JsonContainerHandler {
  /** The document opens: an array or an object. */
  onOpen(kind: 'array' | 'object'): void;
  /** A member of the top-level object holds an array: its elements follow as `[key, index]`. */
  onArray(key: string): void;
  onValue(path: ContainerPath, value: unknown): void;
  /** A value longer than the cap, skipped unread. */
  onOversized(path: ContainerPath, line: number): void;
}

export const JSON_CONTAINER_DEFAULTS = {
  /**
   * Bytes of one value held to parse it; a longer one is skipped and reported. A CloudWatch event is at most
   * 1 MB, so this cap only stops a hostile file.
   * @default 16777216
   */
  maxValueBytes: 16 * 1024 * 1024,
} as const;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isWhitespace = (byte: number): boolean => byte === 0x20 || byte === NEWLINE || byte === 0x0d || byte === 0x09;
const SCALAR_START = new Set([...'-0123456789tfn'].map((char) => char.charCodeAt(0)));
const ends = (byte: number): boolean =>
  isWhitespace(byte) || byte === COMMA || byte === CLOSE_ARRAY || byte === CLOSE_OBJECT;

type Expect = 'first' | 'key' | 'colon' | 'value' | 'comma-or-close';

interface Frame {
  readonly kind: 'array' | 'object';
  /** The member of the top-level object this array is the value of. */
  readonly member: string | undefined;
  expect: Expect;
  index: number;
  key: string;
}

/** A value (or key) whose bytes are being gathered. */
interface Capture {
  readonly kind: 'container' | 'string' | 'scalar';
  readonly isKey: boolean;
  readonly line: number;
  readonly pieces: Buffer[];
  bytes: number;
  depth: number;
  inString: boolean;
  /** The previous chunk ended inside a string on an odd run of backslashes: its first byte is escaped. */
  escaped: boolean;
  oversized: boolean;
}

/** The index of the quote closing a string whose text starts at `from`, or -1 if the chunk ends first. */
function closingQuote(chunk: Buffer, from: number): number {
  let quote = chunk.indexOf(QUOTE, from);
  while (quote >= 0) {
    let backslashes = 0;
    while (quote - backslashes - 1 >= from && chunk[quote - backslashes - 1] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    quote = chunk.indexOf(QUOTE, quote + 1);
  }
  return -1;
}

/** Whether a chunk that ends inside a string ends on an escaping backslash. */
function endsEscaped(chunk: Buffer, from: number): boolean {
  let backslashes = 0;
  while (chunk.length - backslashes - 1 >= from && chunk[chunk.length - backslashes - 1] === BACKSLASH)
    backslashes += 1;
  return backslashes % 2 === 1;
}

export class JsonContainerScanner {
  private readonly maxValueBytes: number;
  private readonly stack: Frame[] = [];
  private started = false;
  private capture: Capture | undefined;
  private chunk: Buffer = Buffer.alloc(0);
  /** Newlines before `countedTo` in the chunks so far. */
  private lines = 0;
  private countedTo = 0;

  constructor(
    private readonly handler: JsonContainerHandler,
    options: { readonly maxValueBytes?: number } = {},
  ) {
    this.maxValueBytes = options.maxValueBytes ?? JSON_CONTAINER_DEFAULTS.maxValueBytes;
  }

  /** Takes the next bytes of the document; throws `JsonSyntaxError` where it breaks the grammar. */
  write(chunk: Buffer): void {
    this.chunk = chunk;
    this.countedTo = 0;
    let position = 0;
    while (position < chunk.length) {
      if (this.capture !== undefined) {
        position = this.gather(this.capture, position);
        continue;
      }
      const byte = chunk[position] as number;
      if (isWhitespace(byte)) position += 1;
      else position = this.punctuation(byte, position);
    }
    this.lineAt(chunk.length);
  }

  /** The document has ended: throws if it is incomplete. */
  end(): void {
    if (!this.started || this.stack.length > 0 || this.capture !== undefined)
      throw new JsonSyntaxError('the document ends early (unexpected end of JSON input)', this.lines + 1);
  }

  /** The 1-based line of a position in the current chunk; positions are asked for in increasing order. */
  private lineAt(position: number): number {
    for (let newline = this.chunk.indexOf(NEWLINE, this.countedTo); newline >= 0 && newline < position; ) {
      this.lines += 1;
      newline = this.chunk.indexOf(NEWLINE, newline + 1);
    }
    this.countedTo = Math.max(this.countedTo, position);
    return this.lines + 1;
  }

  private fail(problem: string, position: number): never {
    throw new JsonSyntaxError(problem, this.lineAt(position));
  }

  private unexpected(byte: number, position: number, wanted: string): never {
    return this.fail(`unexpected ${JSON.stringify(String.fromCharCode(byte))}, expected ${wanted}`, position);
  }

  /** Handles a byte between values; returns the next position. */
  private punctuation(byte: number, position: number): number {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) {
      if (this.started) this.unexpected(byte, position, 'nothing after the document');
      if (byte !== OPEN_OBJECT && byte !== OPEN_ARRAY)
        this.unexpected(byte, position, '"{" or "[" to open the document');
      this.started = true;
      this.open(byte === OPEN_OBJECT ? 'object' : 'array', undefined);
      this.handler.onOpen(byte === OPEN_OBJECT ? 'object' : 'array');
      return position + 1;
    }
    const close = frame.kind === 'array' ? CLOSE_ARRAY : CLOSE_OBJECT;
    if (byte === close && (frame.expect === 'first' || frame.expect === 'comma-or-close')) {
      this.stack.pop();
      const parent = this.stack[this.stack.length - 1];
      if (parent !== undefined) parent.expect = 'comma-or-close';
      return position + 1;
    }
    switch (frame.expect) {
      case 'comma-or-close':
        if (byte !== COMMA) this.unexpected(byte, position, `"," or "${String.fromCharCode(close)}"`);
        frame.expect = frame.kind === 'array' ? 'value' : 'key';
        return position + 1;
      case 'colon':
        if (byte !== COLON) this.unexpected(byte, position, '":"');
        frame.expect = 'value';
        return position + 1;
      case 'key':
        if (byte !== QUOTE) this.unexpected(byte, position, 'a double-quoted property name');
        return this.begin('string', true, position);
      case 'first':
        if (frame.kind === 'object') {
          if (byte !== QUOTE) this.unexpected(byte, position, 'a double-quoted property name or "}"');
          return this.begin('string', true, position);
        }
        return this.beginValue(frame, byte, position);
      case 'value':
        return this.beginValue(frame, byte, position);
    }
  }

  private open(kind: 'array' | 'object', member: string | undefined): void {
    this.stack.push({ kind, member, expect: 'first', index: 0, key: '' });
  }

  private beginValue(frame: Frame, byte: number, position: number): number {
    if (byte === OPEN_ARRAY && frame.kind === 'object' && this.stack.length === 1) {
      this.handler.onArray(frame.key);
      this.open('array', frame.key);
      return position + 1;
    }
    if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) return this.begin('container', false, position);
    if (byte === QUOTE) return this.begin('string', false, position);
    if (SCALAR_START.has(byte)) return this.begin('scalar', false, position);
    return this.unexpected(byte, position, 'a value');
  }

  private begin(kind: Capture['kind'], isKey: boolean, position: number): number {
    this.capture = {
      kind,
      isKey,
      line: this.lineAt(position),
      pieces: [],
      bytes: 0,
      depth: 0,
      inString: false,
      escaped: false,
      oversized: false,
    };
    return position;
  }

  /** Gathers the capture's bytes from `start`; returns where it stopped (the chunk's end or after the value). */
  private gather(capture: Capture, start: number): number {
    const chunk = this.chunk;
    let position = start;
    let end = -1;
    if (capture.kind === 'scalar') {
      while (position < chunk.length && !ends(chunk[position] as number)) position += 1;
      if (position < chunk.length) end = position;
    } else {
      if (capture.kind === 'string' && capture.bytes === 0 && position === start) {
        capture.inString = true; // the opening quote
        position += 1;
      }
      while (end < 0 && position < chunk.length) {
        if (capture.inString) {
          const from = capture.escaped ? position + 1 : position;
          capture.escaped = false;
          const quote = from <= chunk.length ? closingQuote(chunk, from) : -1;
          if (quote < 0) {
            capture.escaped = endsEscaped(chunk, from);
            position = chunk.length;
            break;
          }
          capture.inString = false;
          position = quote + 1;
          if (capture.kind === 'string') end = position;
          continue;
        }
        const byte = chunk[position] as number;
        position += 1;
        if (byte === QUOTE) capture.inString = true;
        else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) capture.depth += 1;
        else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
          capture.depth -= 1;
          if (capture.depth === 0) end = position;
        }
      }
    }
    const stop = end < 0 ? chunk.length : end;
    capture.bytes += stop - start;
    if (capture.bytes > this.maxValueBytes && !capture.isKey) {
      capture.oversized = true;
      capture.pieces.length = 0;
    } else if (!capture.oversized) {
      capture.pieces.push(chunk.subarray(start, stop));
    }
    if (end >= 0) this.finish(capture);
    return stop;
  }

  private finish(capture: Capture): void {
    this.capture = undefined;
    const frame = this.stack[this.stack.length - 1] as Frame;
    if (capture.isKey) {
      frame.key = this.parse(capture) as string;
      frame.expect = 'colon';
      return;
    }
    const path: ContainerPath =
      frame.kind === 'object' ? [frame.key] : frame.member === undefined ? [frame.index] : [frame.member, frame.index];
    frame.index += 1;
    frame.expect = 'comma-or-close';
    if (capture.oversized) this.handler.onOversized(path, capture.line);
    else this.handler.onValue(path, this.parse(capture));
  }

  private parse(capture: Capture): unknown {
    const text = (capture.pieces.length === 1 ? (capture.pieces[0] as Buffer) : Buffer.concat(capture.pieces)).toString(
      'utf8',
    );
    try {
      return JSON.parse(text);
    } catch (error) {
      const at = /position (\d+)/.exec((error as Error).message);
      let line = capture.line;
      if (at !== null) {
        const offset = Number(at[1]);
        for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
      }
      throw new JsonSyntaxError((error as Error).message, line, { cause: error });
    }
  }
}
