/**
 * Draws a fresh value shaped like an original variable value, so a generated line looks like a
 * real one but is (almost) never an exact repeat: IPv4 addresses become other addresses, `0x`
 * and long hex runs other hex of the same length, digit runs other digits of the same length;
 * punctuation stays where it was. Letters are redrawn (same case) only in values without
 * digits (user names, host names): in `blk_-123` or `attempt_14_m_5` the letters are the
 * value's constant prefix in real logs, and random prefixes would invent template shapes that
 * real logs never have.
 *
 * A value's shape is worked out once per source line (`compileValueShape`); drawing from it
 * (`drawValue`) is a tight loop, since the benchmark draws millions of values.
 */
import type { Random } from './prng';

const DIGITS = '0123456789';
const NON_ZERO = '123456789';
const HEX = '0123456789abcdef';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
/** `0x…`, or a run of 8+ hex characters holding both a digit and a letter. */
const HEX_RUN = /\b(?:0[xX][0-9a-fA-F]+|(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,})\b/g;

/** How each character of a value is redrawn. */
enum Slot {
  Keep,
  Digit,
  LeadingDigit,
  Lower,
  Upper,
  HexLower,
  HexUpper,
  Ip,
}

/** A compiled value: one slot per output piece; `Keep` slots copy `kept` text. */
export interface ValueShape {
  readonly slots: Uint8Array;
  readonly kept: readonly string[];
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function characterSlots(text: string, slots: number[], kept: string[], redrawLetters: boolean): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isDigitCode(code)) {
      // Keep a number's length: no leading zero where the original had none.
      const startsRun = i === 0 || !isDigitCode(text.charCodeAt(i - 1));
      const leading = startsRun && isDigitCode(text.charCodeAt(i + 1)) && code !== 48;
      slots.push(leading ? Slot.LeadingDigit : Slot.Digit);
    } else if (redrawLetters && code >= 97 && code <= 122) {
      slots.push(Slot.Lower);
    } else if (redrawLetters && code >= 65 && code <= 90) {
      slots.push(Slot.Upper);
    } else {
      slots.push(Slot.Keep);
      kept.push(text[i] ?? '');
    }
  }
}

export function compileValueShape(original: string): ValueShape {
  const special: { start: number; end: number; kind: 'ip' | 'hex' }[] = [];
  for (const match of original.matchAll(IPV4)) {
    special.push({ start: match.index, end: match.index + match[0].length, kind: 'ip' });
  }
  for (const match of original.matchAll(HEX_RUN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!special.some((s) => start < s.end && end > s.start)) special.push({ start, end, kind: 'hex' });
  }
  special.sort((a, b) => a.start - b.start);
  const slots: number[] = [];
  const kept: string[] = [];
  const redrawLetters = !/\d/.test(original);
  let last = 0;
  for (const { start, end, kind } of special) {
    characterSlots(original.slice(last, start), slots, kept, redrawLetters);
    const text = original.slice(start, end);
    if (kind === 'ip') {
      slots.push(Slot.Ip);
    } else {
      const prefixed = /^0[xX]/.test(text);
      if (prefixed) {
        // The `0x` prefix stays literal.
        slots.push(Slot.Keep, Slot.Keep);
        kept.push(text.slice(0, 1), text.slice(1, 2));
      }
      const upper = /[A-F]/.test(text) && !/[a-f]/.test(text);
      for (let i = prefixed ? 2 : 0; i < text.length; i++) slots.push(upper ? Slot.HexUpper : Slot.HexLower);
    }
    last = end;
  }
  characterSlots(original.slice(last), slots, kept, redrawLetters);
  return { slots: Uint8Array.from(slots), kept };
}

function pick(alphabet: string, random: Random): string {
  return alphabet[random.int(alphabet.length)] ?? '';
}

export function drawValue(shape: ValueShape, random: Random): string {
  let out = '';
  let keptIndex = 0;
  const { slots, kept } = shape;
  for (let i = 0; i < slots.length; i++) {
    switch (slots[i]) {
      case Slot.Digit:
        out += pick(DIGITS, random);
        break;
      case Slot.LeadingDigit:
        out += pick(NON_ZERO, random);
        break;
      case Slot.Lower:
        out += pick(LOWER, random);
        break;
      case Slot.Upper:
        out += pick(UPPER, random);
        break;
      case Slot.HexLower:
        out += pick(HEX, random);
        break;
      case Slot.HexUpper:
        out += pick(HEX, random).toUpperCase();
        break;
      case Slot.Ip:
        out += `${1 + random.int(254)}.${random.int(256)}.${random.int(256)}.${1 + random.int(254)}`;
        break;
      default:
        out += kept[keptIndex++] ?? '';
    }
  }
  return out;
}

/** A fresh value shaped like `original`. */
export function redrawValue(original: string, random: Random): string {
  return drawValue(compileValueShape(original), random);
}
