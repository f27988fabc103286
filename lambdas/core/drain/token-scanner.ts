import { buildCharClasses, DELIMITER, DIGIT, isClosingWrap, isOpeningWrap, SPECIAL } from './char-classes';
import { classifyValue, splitKeptPrefix } from './classify-value';
import type { MaskPattern } from './config';
import type { ParamType } from './types';

/**
 * Month and weekday abbreviations are parts of dates (`Fri Jun 17 07:07:00 2005`). `May` is left
 * out: it is as often an English word.
 */
const CALENDAR_WORDS: ReadonlySet<string> = new Set(
  'Jan Feb Mar Apr Jun Jul Aug Sep Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun'.split(' '),
);

const SIZE_UNITS: ReadonlySet<string> = new Set('B KB MB GB TB PB KiB MiB GiB TiB kB kb mb gb bytes'.split(' '));
const DURATION_UNITS: ReadonlySet<string> = new Set('ns us µs ms s sec secs second seconds min mins minute minutes hour hours'.split(' '));

interface CompiledMask {
  readonly type: string;
  readonly regex: RegExp;
}

/**
 * Splits a line into tokens and masks the variable ones in the same single pass.
 *
 * The scanner owns reusable arrays (the miner is single-threaded and consumes them before the
 * next line), so scanning a line allocates only the token strings themselves. After `scan()`:
 * - `tokens[i]` is the token as the template sees it (`<NUM>`, `uid=<NUM>`, or the word itself);
 * - `raws[i]` is the token as written in the line;
 * - `types[i]` is the mask type, or `undefined` for a constant word;
 * - `values[i]` is the variable part of a masked token (`0` in `uid=0`).
 */
export class TokenScanner {
  readonly tokens: string[] = [];
  readonly raws: string[] = [];
  readonly types: (ParamType | undefined)[] = [];
  readonly values: string[] = [];
  private readonly classes: Uint8Array;
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
    const classes = this.classes;
    const length = line.length;
    const mustInspectAll = this.masking && this.userMasks.length > 0;
    let count = 0;
    let index = 0;
    while (index < length) {
      let code = line.charCodeAt(index);
      while (code < 128 && classes[code] === DELIMITER) {
        if (++index >= length) return count;
        code = line.charCodeAt(index);
      }
      const start = index;
      let seen = 0;
      while (index < length) {
        code = line.charCodeAt(index);
        if (code < 128) {
          const charClass = classes[code]!;
          if (charClass === DELIMITER) break;
          seen |= charClass;
        }
        index++;
      }
      const token = line.slice(start, index);
      if (this.masking && (mustInspectAll || (seen & (DIGIT | SPECIAL)) !== 0)) {
        this.maskToken(token, count, (seen & DIGIT) !== 0);
      } else if (this.masking && token.length === 3 && CALENDAR_WORDS.has(token)) {
        this.setMasked(token, count, '<DATE>', 'DATE', token);
      } else if (this.masking && count > 0 && this.types[count - 1] === 'NUM' && this.joinUnit(token, count - 1)) {
        continue;
      } else {
        this.setConstant(token, count);
      }
      count++;
    }
    return count;
  }

  /**
   * Folds a unit written apart from its number (`5.2 KB`, `30 ms`) into the number's token, so
   * `5.2 KB` and `93.0 B` are one size rather than a number followed by two different words.
   */
  private joinUnit(token: string, previous: number): boolean {
    let end = token.length;
    while (end > 0 && isClosingWrap(token.charCodeAt(end - 1))) end--;
    const unit = end === token.length ? token : token.slice(0, end);
    const type = SIZE_UNITS.has(unit) ? 'SIZE' : DURATION_UNITS.has(unit) ? 'DURATION' : undefined;
    if (type === undefined) return false;
    const number = this.tokens[previous]!;
    if (!number.endsWith('<NUM>')) return false;
    const value = `${this.values[previous]} ${unit}`;
    this.setMasked(`${this.raws[previous]} ${token}`, previous, `${number.slice(0, -5)}<${type}>${token.slice(end)}`, type, value);
    return true;
  }

  private setConstant(token: string, position: number): void {
    this.tokens[position] = token;
    this.raws[position] = token;
    this.types[position] = undefined;
    this.values[position] = token;
  }

  private setMasked(token: string, position: number, masked: string, type: ParamType, value: string): void {
    this.tokens[position] = masked;
    this.raws[position] = token;
    this.types[position] = type;
    this.values[position] = value;
  }

  /** Classifies the token's core (inside wrapping punctuation) and records the masked form. */
  private maskToken(token: string, position: number, hasDigit: boolean): void {
    let coreStart = 0;
    let coreEnd = token.length;
    while (coreStart < coreEnd && isOpeningWrap(token.charCodeAt(coreStart))) coreStart++;
    while (coreEnd > coreStart && isClosingWrap(token.charCodeAt(coreEnd - 1))) coreEnd--;
    if (coreStart === coreEnd) return this.setConstant(token, position);
    const core = coreStart === 0 && coreEnd === token.length ? token : token.slice(coreStart, coreEnd);
    const before = token.slice(0, coreStart);
    const after = token.slice(coreEnd);

    for (const mask of this.userMasks) {
      if (mask.regex.test(core)) return this.setMasked(token, position, `${before}<${mask.type}>${after}`, mask.type, core);
    }

    const equals = core.indexOf('=');
    if (equals > 0 && equals < core.length - 1) {
      // key=value: the key stays in the template; a value with a variable shape is masked, a
      // plain word is left for the miner to judge by how many values the position takes.
      const value = core.slice(equals + 1);
      const type = classifyValue(value, hasDigit && /\d/.test(value));
      if (type === undefined) return this.setConstant(token, position);
      return this.setMasked(token, position, `${before}${core.slice(0, equals + 1)}<${type}>${after}`, type, value);
    }

    const type = classifyValue(core, hasDigit);
    if (type === undefined) return this.setConstant(token, position);
    if (type === 'ID') {
      const split = splitKeptPrefix(core);
      const restType = split === undefined ? undefined : classifyValue(split[1], true);
      // Keep a prefix only before a value of a clear type (`blk_-42`, `node-7`); a long opaque
      // identifier (`Package_for_KB3121255~31bf…`) is one variable, whatever it starts with.
      if (split !== undefined && restType !== undefined && restType !== 'ID') {
        const [prefix, rest] = split;
        return this.setMasked(token, position, `${before}${prefix}<${restType}>${after}`, restType, rest);
      }
    }
    this.setMasked(token, position, `${before}<${type}>${after}`, type, core);
  }
}
