import { buildCharClasses, DELIMITER, DIGIT, isClosingWrap, isOpeningWrap, LETTER, SPECIAL } from './char-classes';
import { classifyValue, keptPrefixLength } from './classify-value';
import type { MaskPattern } from './config';
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

/** The key of a `key=value` token holds no URL punctuation, so a URL's query string is not mistaken for one. */
const KEY = /^[^:/?&]+$/;

const MASK_TEXTS = new Map<string, string>();
const NUM_TEXT = '<NUM>';
MASK_TEXTS.set('NUM', NUM_TEXT);
const NUM_HASH = hashText(NUM_TEXT);

function isUpperCase(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** Hashes of the bare masks, so the commonest masked tokens are never hashed again. */
const MASK_HASHES = new Map<string, number>([[NUM_TEXT, NUM_HASH]]);

/** `<TYPE>`, one shared string per type. */
function maskText(type: string): string {
  let text = MASK_TEXTS.get(type);
  if (text === undefined) {
    text = `<${type}>`;
    MASK_TEXTS.set(type, text);
    MASK_HASHES.set(text, hashText(text));
  }
  return text;
}

interface CompiledMask {
  readonly type: string;
  readonly regex: RegExp;
}

/** Initial room for tokens; the arrays grow when a line has more. */
const INITIAL_CAPACITY = 256;

/**
 * Splits a line into tokens and masks the variable ones in the same single pass.
 *
 * Constant words are never cut out of the line: the scanner records where each token starts
 * and ends and a hash of its text, computed while reading it, and the miner compares hashes.
 * Only masked tokens become strings (the classifier needs them). The arrays are reused from
 * line to line (the miner is single-threaded and consumes them before the next line). After
 * `scan()`, for each position `i`:
 * - `hashes[i]` hashes the token as the template sees it (`<NUM>`, `uid=<NUM>`, or the word);
 * - `types[i]` is the mask type, or `undefined` for a constant word;
 * - `masked[i]` / `values[i]` are the masked form and the variable part of a masked token.
 */
export class TokenScanner {
  hashes: Int32Array = new Int32Array(INITIAL_CAPACITY);
  starts: Int32Array = new Int32Array(INITIAL_CAPACITY);
  ends: Int32Array = new Int32Array(INITIAL_CAPACITY);
  readonly types: (ParamType | undefined)[] = [];
  readonly masked: string[] = [];
  readonly values: string[] = [];
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
    this.userMasks = maskPatterns.map((mask) => ({ type: mask.name, regex: new RegExp(`^(?:${mask.pattern})$`) }));
  }

  /** Tokenises and masks `line`; returns the number of tokens. */
  scan(line: string): number {
    this.line = line;
    const classes = this.classes;
    const length = line.length;
    const masking = this.masking;
    const inspectAll = masking && this.userMasks.length > 0;
    const types = this.types;
    let { starts, ends, hashes } = this;
    let count = 0;
    let index = 0;
    while (index < length) {
      let code = line.charCodeAt(index);
      while (code < 128 && classes[code] === DELIMITER) {
        if (++index >= length) return count;
        code = line.charCodeAt(index);
      }
      const start = index;
      let shape = 0;
      let hash = HASH_SEED;
      while (index < length) {
        code = line.charCodeAt(index);
        if (code < 128) {
          const charClass = classes[code]!;
          if (charClass === DELIMITER) break;
          shape |= charClass;
        } else {
          shape |= LETTER;
        }
        hash = Math.imul(hash ^ code, HASH_PRIME);
        index++;
      }
      if (count === hashes.length) {
        this.grow();
        ({ starts, ends, hashes } = this);
      }
      starts[count] = start;
      ends[count] = index;
      hash = Math.imul(hash ^ (index - start), HASH_PRIME);
      hashes[count] = hash;
      types[count] = undefined;
      if (masking) {
        if (shape === DIGIT && !inspectAll) {
          // The commonest variable, a bare unsigned integer, needs no classification.
          types[count] = 'NUM';
          this.masked[count] = NUM_TEXT;
          this.values[count] = line.slice(start, index);
          hashes[count] = NUM_HASH;
        } else if (inspectAll || (shape & (DIGIT | SPECIAL)) !== 0) {
          this.maskToken(line.slice(start, index), count, shape);
        } else if (index - start <= 7 && count > 0 && types[count - 1] === 'NUM' && this.joinUnit(start, index, count - 1)) {
          continue; // a unit folded into the number before it
        } else if (index - start === 3 && isUpperCase(line.charCodeAt(start)) && CALENDAR_WORDS.hashes.has(hash)) {
          this.maskCalendarWord(start, index, count);
        }
      }
      count++;
    }
    return count;
  }

  /** The token at `position` as the template sees it. */
  tokenAt(position: number): string {
    return this.types[position] === undefined ? this.line.slice(this.starts[position], this.ends[position]) : this.masked[position]!;
  }

  /** The token at `position` as written in the line. */
  rawAt(position: number): string {
    return this.line.slice(this.starts[position], this.ends[position]);
  }

  private grow(): void {
    const size = this.hashes.length * 2;
    const copy = (from: Int32Array): Int32Array => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.hashes = copy(this.hashes);
    this.starts = copy(this.starts);
    this.ends = copy(this.ends);
  }

  private setMasked(position: number, masked: string, type: ParamType, value: string): void {
    this.types[position] = type;
    this.masked[position] = masked;
    this.values[position] = value;
    this.hashes[position] = MASK_HASHES.get(masked) ?? hashText(masked);
  }

  /** Month and weekday names are parts of dates. */
  private maskCalendarWord(start: number, end: number, position: number): void {
    const word = this.line.slice(start, end);
    if (CALENDAR_WORDS.words.has(word)) this.setMasked(position, maskText('DATE'), 'DATE', word);
  }

  /**
   * Folds a unit written apart from its number (`5.2 KB`, `30 ms`) into the number's token, so
   * `5.2 KB` and `93.0 B` are one size rather than a number followed by different words.
   * @returns true when the word was a unit and joined the previous token
   */
  private joinUnit(start: number, end: number, previous: number): boolean {
    let unitEnd = end;
    while (unitEnd > start && isClosingWrap(this.line.charCodeAt(unitEnd - 1))) unitEnd--;
    const unit = this.line.slice(start, unitEnd);
    const type = SIZE_UNITS.words.has(unit) ? 'SIZE' : DURATION_UNITS.words.has(unit) ? 'DURATION' : undefined;
    const number = this.masked[previous]!;
    if (type === undefined || !number.endsWith(NUM_TEXT)) return false;
    const suffix = this.line.slice(unitEnd, end);
    const masked = number === NUM_TEXT && suffix === '' ? maskText(type) : number.slice(0, -NUM_TEXT.length) + maskText(type) + suffix;
    this.setMasked(previous, masked, type, `${this.values[previous]} ${unit}`);
    this.ends[previous] = end;
    return true;
  }

  /** Classifies the token's core (inside wrapping punctuation) and records the masked form. */
  private maskToken(token: string, position: number, shape: number): void {
    let coreStart = 0;
    let coreEnd = token.length;
    while (coreStart < coreEnd && isOpeningWrap(token.charCodeAt(coreStart))) coreStart++;
    while (coreEnd > coreStart && isClosingWrap(token.charCodeAt(coreEnd - 1))) coreEnd--;
    if (coreStart === coreEnd) return;
    const whole = coreStart === 0 && coreEnd === token.length;
    const core = whole ? token : token.slice(coreStart, coreEnd);

    for (const mask of this.userMasks) {
      if (mask.regex.test(core)) return this.setWrapped(token, whole, coreStart, coreEnd, position, maskText(mask.type), mask.type, core);
    }

    const equals = core.indexOf('=');
    if (equals > 0 && equals < core.length - 1 && KEY.test(core.slice(0, equals))) {
      // key=value: the key stays in the template; a value with a variable shape is masked, a
      // plain word is left for the miner to judge by how many values the position takes.
      const value = core.slice(equals + 1);
      const type = classifyValue(value, this.shapeOf(value));
      if (type === undefined) return;
      return this.setWrapped(token, whole, coreStart, coreEnd, position, core.slice(0, equals + 1) + maskText(type), type, value);
    }

    const type = classifyValue(core, shape);
    if (type === undefined) return;
    if (type === 'ID') {
      const prefix = keptPrefixLength(core, shape);
      if (prefix > 0) {
        const rest = core.slice(prefix);
        const restType = classifyValue(rest, this.shapeOf(rest));
        // Keep a prefix only before a value of a clear type (`blk_-42`, `node-7`); a long opaque
        // identifier (`Package_for_KB3121255~31bf…`) is one variable, whatever it starts with.
        if (restType !== undefined && restType !== 'ID') {
          return this.setWrapped(token, whole, coreStart, coreEnd, position, core.slice(0, prefix) + maskText(restType), restType, rest);
        }
      }
    }
    this.setWrapped(token, whole, coreStart, coreEnd, position, maskText(type), type, core);
  }

  /** Records a masked token, putting back the punctuation that wrapped its core. */
  private setWrapped(token: string, whole: boolean, coreStart: number, coreEnd: number, position: number, inner: string, type: ParamType, value: string): void {
    // A bare mask stays the one shared `<TYPE>` string: no allocation, pointer-fast comparisons.
    const masked = whole ? inner : token.slice(0, coreStart) + inner + token.slice(coreEnd);
    this.setMasked(position, masked, type, value);
  }

  private shapeOf(text: string): number {
    let shape = 0;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      shape |= code < 128 ? this.classes[code]! : LETTER;
    }
    return shape;
  }
}
