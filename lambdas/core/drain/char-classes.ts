/**
 * One lookup table of character classes, so the scanner classifies each character of a line
 * with a single array read instead of several comparisons or a regular expression. The bits a
 * token collects tell the classifier which shapes are possible, so most checks never run.
 */
export const DIGIT = 1;
/** a–f and A–F: letters that can appear in hexadecimal numbers. */
export const HEX_LETTER = 2;
export const LETTER = 4;
export const DOT = 8;
export const COLON = 16;
export const SLASH = 32;
/** `@ = \ # %`: rarer characters that still call for a closer look. */
export const OTHER_SPECIAL = 64;
/** `-` and `_`: joiners inside identifiers (`blk_-42`, `node-7`). */
export const JOINER = 128;
/** Token separators: white space, plus any extra delimiters the options name. */
export const DELIMITER = 256;
/** Letters that cannot appear in a hexadecimal value (all but a–f, A–F and the `x` of `0x`). */
export const NON_HEX_LETTER = 512;
/** Characters that make a token worth classifying even without a digit. */
export const SPECIAL = DOT | COLON | SLASH | OTHER_SPECIAL;

/** Tables already built, by their extra delimiters: every miner with the same options shares one. */
const TABLES = new Map<string, Uint16Array>();

/**
 * Classes of every UTF-16 code unit (128 KB, shared): one array read per character, with no
 * branch for the non-ASCII range, which counts as letters.
 */
export function buildCharClasses(extraDelimiters: readonly string[]): Uint16Array {
  const key = extraDelimiters.join('\u0000');
  const cached = TABLES.get(key);
  if (cached !== undefined) return cached;
  const table = new Uint16Array(65536).fill(LETTER | NON_HEX_LETTER);
  for (let code = 0; code < 128; code++) table[code] = 0;
  for (let code = 48; code <= 57; code++) table[code] = DIGIT;
  for (let code = 65; code <= 90; code++) table[code] = LETTER | NON_HEX_LETTER;
  for (let code = 97; code <= 122; code++) table[code] = LETTER | NON_HEX_LETTER;
  for (const letter of 'abcdefABCDEF') table[letter.charCodeAt(0)] = LETTER | HEX_LETTER;
  for (const letter of 'xX') table[letter.charCodeAt(0)] = LETTER;
  table[46] = DOT;
  table[58] = COLON;
  table[47] = SLASH;
  for (const special of '@=\\#%') table[special.charCodeAt(0)] = OTHER_SPECIAL;
  table[45] = JOINER;
  table[95] = JOINER;
  for (const space of ' \t\r\n\f\v') table[space.charCodeAt(0)] = DELIMITER;
  for (const delimiter of extraDelimiters) table[delimiter.charCodeAt(0)] = DELIMITER;
  TABLES.set(key, table);
  return table;
}

/** Opening characters stripped before a token is classified: `( [ { < " '`. */
export function isOpeningWrap(code: number): boolean {
  return code === 40 || code === 91 || code === 123 || code === 60 || code === 34 || code === 39;
}

/** Closing characters stripped before a token is classified: `) ] } > " ' , ; : .`. */
export function isClosingWrap(code: number): boolean {
  return (
    code === 41 ||
    code === 93 ||
    code === 125 ||
    code === 62 ||
    code === 34 ||
    code === 39 ||
    code === 44 ||
    code === 59 ||
    code === 58 ||
    code === 46
  );
}
