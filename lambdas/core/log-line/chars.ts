/** Character codes and tests shared by the scanners (charCodeAt past the end is NaN, which every test rejects). */
export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const DOLLAR = 36;
export const LPAREN = 40;
export const RPAREN = 41;
export const PLUS = 43;
export const COMMA = 44;
export const DASH = 45;
export const DOT = 46;
export const SLASH = 47;
export const COLON = 58;
export const LT = 60;
export const GT = 62;
export const LBRACKET = 91;
export const RBRACKET = 93;
export const UNDERSCORE = 95;
export const LBRACE = 123;
export const PIPE = 124;
export const RBRACE = 125;

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

export function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

/** Space or tab: the blanks that separate header fields on one line. */
export function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** Byte-order mark: first character of some files, never part of a message. */
const BOM = 0xfeff;

/** Any whitespace that may surround a message, line breaks and a byte-order mark included. */
export function isWhitespace(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR || code === 11 || code === 12 || code === BOM;
}

/** End of a header field: blank, line break (any control character) or end of text (NaN). */
export function isFieldEnd(code: number): boolean {
  return !(code > SPACE);
}

/** Letters, digits and `.`, `$`, `_`, `-`: the characters of logger/class names (`org.foo.Bar$Inner`, `my-svc`). */
const NAME_CHARS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) {
    const lower = code | 0x20;
    const alnum = (lower >= 97 && lower <= 122) || (code >= 48 && code <= 57);
    table[code] = alnum || code === DOT || code === DOLLAR || code === UNDERSCORE || code === DASH ? 1 : 0;
  }
  return table;
})();

/** A table lookup: this runs for every character of every logger name. */
export function isNameChar(code: number): boolean {
  return code < 128 && NAME_CHARS[code] === 1;
}

export function skipBlanks(text: string, index: number): number {
  let i = index;
  while (isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Index of the first blank or line break at or after `index` (or the text's length). */
export function fieldEnd(text: string, index: number): number {
  let i = index;
  while (text.charCodeAt(i) > SPACE) i++;
  return i;
}

/** Value of exactly `count` decimal digits at `index`, or -1. */
export function digitsAt(text: string, index: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const d = text.charCodeAt(index + k) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Value of the two decimal digits at `index`, or -1 (the hot case of {@link digitsAt}: dates and times). */
export function twoDigitsAt(text: string, index: number): number {
  const tens = text.charCodeAt(index) - 48;
  const units = text.charCodeAt(index + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

/** Length of the run of digits starting at `index`. */
export function digitRun(text: string, index: number): number {
  let i = index;
  while (isDigit(text.charCodeAt(i))) i++;
  return i - index;
}

export function allDigits(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

export function allNameChars(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) if (!isNameChar(text.charCodeAt(i))) return false;
  return true;
}
