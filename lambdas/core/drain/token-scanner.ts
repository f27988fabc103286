import {
  buildCharClasses,
  DELIMITER,
  DIGIT,
  isClosingWrap,
  isOpeningWrap,
  OTHER_SPECIAL,
  SPECIAL,
} from './char-classes';
import { classifyNonNumeric, classifyNumeric, keptPrefixLength } from './classify-value';
import { compileUserPattern, type UserPattern } from '../patterns';
import type { MaskPattern } from './config';
import { codeOf, CONSTANT, DATE, DURATION, ID, IP, maskHashOf, maskTextOf, NUM, SIZE, typeName } from './mask-types';
import { HASH_PRIME, HASH_SEED, hashText } from './token-hash';
import type { ParamType } from './types';

/**
 * Month and weekday abbreviations are parts of dates (`Fri Jun 17 07:07:00 2005`). `May` is left
 * out: it is as often an English word.
 */
const CALENDAR_WORDS = wordSet('Jan Feb Mar Apr Jun Jul Aug Sep Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun');
const SIZE_UNITS = wordSet('B KB MB GB TB PB KiB MiB GiB TiB kB kb mb gb bytes');
const DURATION_UNITS = wordSet('ns us µs ms s sec secs second seconds min mins minute minutes hour hours');

/** Words and their hashes, so a token is checked against the set without being cut out of its line. */
function wordSet(words: string): { readonly words: ReadonlySet<string>; readonly hashes: ReadonlySet<number> } {
  const list = words.split(' ');
  return { words: new Set(list), hashes: new Set(list.map(hashText)) };
}

function isUpperCase(code: number): boolean {
  return code >= 65 && code <= 90;
}

interface CompiledMask {
  readonly code: number;
  /** A linear-time matcher: a user's pattern must not be able to hang the miner. */
  readonly pattern: UserPattern;
}

/** Initial room for tokens; the arrays grow when a line has more. */
const INITIAL_CAPACITY = 256;

/** The part of `line` that is mined: its first `maxLineLength` characters, so one huge line cannot stall the miner. */
export function clipLine(line: string, maxLineLength: number): string {
  return line.length > maxLineLength ? line.slice(0, maxLineLength) : line;
}

/** Token fields as `store` writes them and `load` reads them (see scanned-batch.ts). */
const HASH_FIELD = 0;
const START_FIELD = 1;
const END_FIELD = 2;
const KIND_FIELD = 3;
const VALUE_START_FIELD = 4;
const VALUE_END_FIELD = 5;
/** Int32 fields per stored token. */
export const TOKEN_FIELDS = 6;
const FIELDS = TOKEN_FIELDS;

/**
 * Splits a line into tokens and masks the variable ones in the same single pass.
 *
 * Nothing is cut out of the line while scanning: the scanner records where each token starts
 * and ends, where its variable part starts and ends, its mask type as a small code, and a hash
 * of the token as the template sees it, computed from the line's characters and the mask's. The
 * miner compares hashes; strings are made only for what it keeps (a new template's tokens, the
 * parameters it returns). The arrays are reused from line to line (the miner is single-threaded
 * and consumes them before the next line). After `scan()`, for each position `i`:
 * - `hashes[i]` hashes the token as the template sees it (`<NUM>`, `uid=<NUM>`, or the word);
 * - `kinds[i]` is the mask type's code (mask-types.ts), `CONSTANT` (0) for a constant word;
 * - a masked token reads `line[starts[i], valueStarts[i])`, the mask, `line[valueEnds[i], ends[i])`.
 */
export class TokenScanner {
  hashes: Int32Array = new Int32Array(INITIAL_CAPACITY);
  starts: Int32Array = new Int32Array(INITIAL_CAPACITY);
  ends: Int32Array = new Int32Array(INITIAL_CAPACITY);
  kinds: Uint16Array = new Uint16Array(INITIAL_CAPACITY);
  valueStarts: Int32Array = new Int32Array(INITIAL_CAPACITY);
  valueEnds: Int32Array = new Int32Array(INITIAL_CAPACITY);
  /** The line last scanned. */
  line = '';
  private readonly classes: Uint16Array;
  private readonly userMasks: readonly CompiledMask[];

  constructor(
    private readonly masking: boolean,
    extraDelimiters: readonly string[],
    maskPatterns: readonly MaskPattern[],
  ) {
    this.classes = buildCharClasses(extraDelimiters);
    this.userMasks = maskPatterns.map((mask) => ({
      code: codeOf(mask.name),
      pattern: compileUserPattern(mask.pattern, `mask pattern ${mask.name}`),
    }));
  }

  /** Tokenises and masks `line`; returns the number of tokens. */
  scan(line: string): number {
    this.line = line;
    const classes = this.classes;
    const length = line.length;
    const masking = this.masking;
    const inspectAll = masking && this.userMasks.length > 0;
    let { starts, ends, hashes, kinds } = this;
    let count = 0;
    let index = 0;
    while (index < length) {
      let code = line.charCodeAt(index);
      while (classes[code] === DELIMITER) {
        if (++index >= length) return count;
        code = line.charCodeAt(index);
      }
      const start = index;
      let shape = 0;
      let hash = HASH_SEED;
      while (index < length) {
        code = line.charCodeAt(index);
        const charClass = classes[code]!;
        if (charClass === DELIMITER) break;
        shape |= charClass;
        hash = Math.imul(hash ^ code, HASH_PRIME);
        index++;
      }
      if (count === hashes.length) {
        this.grow();
        ({ starts, ends, hashes, kinds } = this);
      }
      starts[count] = start;
      ends[count] = index;
      hashes[count] = Math.imul(hash ^ (index - start), HASH_PRIME);
      kinds[count] = CONSTANT;
      if (masking) {
        if (shape === DIGIT && !inspectAll && !isOpeningWrap(line.charCodeAt(start))) {
          // The commonest variable, a bare unsigned integer, needs no classification. A wrapped one (`(12`) goes
          // through maskToken, which keeps its bracket outside the value: `(12 KB)` reads `(<SIZE>)`, not `<SIZE>)`.
          this.setMasked(count, NUM, start, index);
        } else if (inspectAll || (shape & (DIGIT | SPECIAL)) !== 0) {
          this.maskToken(start, index, count, shape);
        } else if (
          index - start <= 7 &&
          count > 0 &&
          kinds[count - 1] === NUM &&
          this.joinUnit(start, index, count - 1)
        ) {
          continue; // a unit folded into the number before it
        } else if (
          index - start === 3 &&
          isUpperCase(line.charCodeAt(start)) &&
          CALENDAR_WORDS.hashes.has(hashes[count]!)
        ) {
          this.maskCalendarWord(start, index, count);
        }
      }
      count++;
    }
    return count;
  }

  /**
   * Writes the first `count` tokens of the line last scanned into `into` from `at`, six fields a token (hash,
   * start, end, kind, value start, value end), for a scanner on another thread to {@link load}.
   */
  store(into: Int32Array, at: number, count: number): void {
    const { hashes, starts, ends, kinds, valueStarts, valueEnds } = this;
    let field = at;
    for (let position = 0; position < count; position++, field += FIELDS) {
      into[field + HASH_FIELD] = hashes[position]!;
      into[field + START_FIELD] = starts[position]!;
      into[field + END_FIELD] = ends[position]!;
      into[field + KIND_FIELD] = kinds[position]!;
      into[field + VALUE_START_FIELD] = valueStarts[position]!;
      into[field + VALUE_END_FIELD] = valueEnds[position]!;
    }
  }

  /**
   * Takes `count` tokens of `line` that another scanner {@link store}d in `from` at `at`, as if this one had
   * scanned `line` itself; returns `count`.
   */
  load(line: string, from: Int32Array, at: number, count: number): number {
    this.line = line;
    while (count > this.hashes.length) this.grow();
    const { hashes, starts, ends, kinds, valueStarts, valueEnds } = this;
    let field = at;
    for (let position = 0; position < count; position++, field += FIELDS) {
      hashes[position] = from[field + HASH_FIELD]!;
      starts[position] = from[field + START_FIELD]!;
      ends[position] = from[field + END_FIELD]!;
      kinds[position] = from[field + KIND_FIELD]!;
      valueStarts[position] = from[field + VALUE_START_FIELD]!;
      valueEnds[position] = from[field + VALUE_END_FIELD]!;
    }
    return count;
  }

  /** The mask type at `position`, or `undefined` for a constant word. */
  typeAt(position: number): ParamType | undefined {
    const kind = this.kinds[position]!;
    return kind === CONSTANT ? undefined : typeName(kind);
  }

  /** The token at `position` as the template sees it. */
  tokenAt(position: number): string {
    const kind = this.kinds[position]!;
    const start = this.starts[position]!;
    const end = this.ends[position]!;
    if (kind === CONSTANT) return this.line.slice(start, end);
    const valueStart = this.valueStarts[position]!;
    const valueEnd = this.valueEnds[position]!;
    const mask = maskTextOf(kind);
    // A bare mask stays the one shared `<TYPE>` string: no allocation, pointer-fast comparisons.
    if (valueStart === start && valueEnd === end) return mask;
    return this.line.slice(start, valueStart) + mask + this.line.slice(valueEnd, end);
  }

  /** The token at `position` as written in the line. */
  rawAt(position: number): string {
    return this.line.slice(this.starts[position], this.ends[position]);
  }

  /** The variable part of the masked token at `position`. */
  valueAt(position: number): string {
    return this.line.slice(this.valueStarts[position], this.valueEnds[position]);
  }

  private grow(): void {
    const size = this.hashes.length * 2;
    const copy = <T extends Int32Array | Uint16Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.hashes = copy(this.hashes, new Int32Array(size));
    this.starts = copy(this.starts, new Int32Array(size));
    this.ends = copy(this.ends, new Int32Array(size));
    this.kinds = copy(this.kinds, new Uint16Array(size));
    this.valueStarts = copy(this.valueStarts, new Int32Array(size));
    this.valueEnds = copy(this.valueEnds, new Int32Array(size));
  }

  /**
   * Records that the token at `position` is a variable of type `kind` whose value spans
   * `valueStart`–`valueEnd`, and hashes the masked token without building it: the same
   * FNV-1a as `hashText`, over the text before the value, the mask, and the text after.
   */
  private setMasked(position: number, kind: number, valueStart: number, valueEnd: number): void {
    const start = this.starts[position]!;
    const end = this.ends[position]!;
    this.kinds[position] = kind;
    this.valueStarts[position] = valueStart;
    this.valueEnds[position] = valueEnd;
    if (valueStart === start && valueEnd === end) {
      this.hashes[position] = maskHashOf(kind);
      return;
    }
    const line = this.line;
    const mask = maskTextOf(kind);
    let hash = HASH_SEED;
    for (let index = start; index < valueStart; index++) hash = Math.imul(hash ^ line.charCodeAt(index), HASH_PRIME);
    for (let index = 0; index < mask.length; index++) hash = Math.imul(hash ^ mask.charCodeAt(index), HASH_PRIME);
    for (let index = valueEnd; index < end; index++) hash = Math.imul(hash ^ line.charCodeAt(index), HASH_PRIME);
    this.hashes[position] = Math.imul(hash ^ (valueStart - start + mask.length + end - valueEnd), HASH_PRIME);
  }

  /** Month and weekday names are parts of dates. */
  private maskCalendarWord(start: number, end: number, position: number): void {
    if (CALENDAR_WORDS.words.has(this.line.slice(start, end))) this.setMasked(position, DATE, start, end);
  }

  /**
   * Folds a unit written apart from its number (`5.2 KB`, `30 ms`) into the number's token, so
   * `5.2 KB` and `93.0 B` are one size rather than a number followed by different words. The
   * value becomes the number and its unit as written.
   * @returns true when the word was a unit and joined the previous token
   */
  private joinUnit(start: number, end: number, previous: number): boolean {
    const line = this.line;
    let unitEnd = end;
    while (unitEnd > start && isClosingWrap(line.charCodeAt(unitEnd - 1))) unitEnd--;
    // Only a number that ends its token (`<NUM>`, `(<NUM>`), not `<NUM>,`, takes a unit.
    if (this.valueEnds[previous] !== this.ends[previous]) return false;
    const unit = line.slice(start, unitEnd);
    const kind = SIZE_UNITS.words.has(unit) ? SIZE : DURATION_UNITS.words.has(unit) ? DURATION : CONSTANT;
    if (kind === CONSTANT) return false;
    this.ends[previous] = end;
    this.setMasked(previous, kind, this.valueStarts[previous]!, unitEnd);
    return true;
  }

  /** Classifies the token's core (inside wrapping punctuation) and records the masked form. */
  private maskToken(start: number, end: number, position: number, shape: number): void {
    const line = this.line;
    let coreStart = start;
    let coreEnd = end;
    while (coreStart < coreEnd && isOpeningWrap(line.charCodeAt(coreStart))) coreStart++;
    while (coreEnd > coreStart && isClosingWrap(line.charCodeAt(coreEnd - 1))) coreEnd--;
    if (coreStart === coreEnd) return;

    if (this.userMasks.length > 0) {
      const core = line.slice(coreStart, coreEnd);
      for (const mask of this.userMasks) {
        if (mask.pattern.matchesWhole(core)) {
          this.setMasked(position, mask.code, coreStart, coreEnd);
          return;
        }
      }
    }

    const numeric = classifyNumeric(line, coreStart, coreEnd, shape);
    if (numeric !== undefined) {
      this.setMasked(position, numeric === 'NUM' ? NUM : IP, coreStart, coreEnd);
      return;
    }

    if ((shape & OTHER_SPECIAL) !== 0) {
      const equals = this.keyValueSplit(coreStart, coreEnd);
      if (equals >= 0) {
        // key=value: the key stays in the template; a value with a variable shape is masked, a
        // plain word is left for the miner to judge by how many values the position takes.
        const kind = this.classifyRange(equals + 1, coreEnd, this.shapeOf(equals + 1, coreEnd));
        if (kind !== CONSTANT) this.setMasked(position, kind, equals + 1, coreEnd);
        return;
      }
    }

    const core = line.slice(coreStart, coreEnd);
    const type = classifyNonNumeric(core, shape);
    if (type === undefined) return;
    if (type === 'ID') {
      const prefix = keptPrefixLength(core, shape);
      if (prefix > 0) {
        const restStart = coreStart + prefix;
        const restKind = this.classifyRange(restStart, coreEnd, this.shapeOf(restStart, coreEnd));
        // Keep a prefix only before a value of a clear type (`blk_-42`, `node-7`); a long opaque
        // identifier (`Package_for_KB3121255~31bf…`) is one variable, whatever it starts with.
        if (restKind !== CONSTANT && restKind !== ID) {
          this.setMasked(position, restKind, restStart, coreEnd);
          return;
        }
      }
    }
    this.setMasked(position, codeOf(type), coreStart, coreEnd);
  }

  /**
   * The index of the `=` of a `key=value` core: a non-empty key without URL punctuation (so a
   * URL's query string is not mistaken for one) and a non-empty value; -1 otherwise.
   */
  private keyValueSplit(coreStart: number, coreEnd: number): number {
    const line = this.line;
    for (let index = coreStart; index < coreEnd; index++) {
      const code = line.charCodeAt(index);
      if (code === 61) return index > coreStart && index < coreEnd - 1 ? index : -1;
      if (code === 58 || code === 47 || code === 63 || code === 38) return -1; // : / ? &
    }
    return -1;
  }

  /** The mask code of `line[start, end)`, `CONSTANT` when it is a word. */
  private classifyRange(start: number, end: number, shape: number): number {
    const numeric = classifyNumeric(this.line, start, end, shape);
    if (numeric !== undefined) return numeric === 'NUM' ? NUM : IP;
    const type = classifyNonNumeric(this.line.slice(start, end), shape);
    return type === undefined ? CONSTANT : codeOf(type);
  }

  private shapeOf(start: number, end: number): number {
    const line = this.line;
    let shape = 0;
    for (let index = start; index < end; index++) {
      const code = line.charCodeAt(index);
      shape |= this.classes[code]!;
    }
    return shape;
  }
}
