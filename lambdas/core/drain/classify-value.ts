import { COLON, DIGIT, DOT, JOINER, LETTER, NON_HEX_LETTER, OTHER_SPECIAL, SLASH } from './char-classes';
import type { ParamType } from './types';

/**
 * Decides whether one token (already stripped of wrapping punctuation) is a variable, and of
 * which type. Called only for tokens that hold a digit or a special character, so plain words
 * never reach it. Checks run from the most to the least frequent type; the common ones are
 * hand-written character loops, the rare shapes share a few anchored regular expressions.
 */

const TIME = /^\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?$/;
const DATE =
  /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}\/[A-Za-z]{3}\/\d{4})(?:[T:-]?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HEX = /^(?:0[xX][0-9a-fA-F]+|[0-9a-fA-F]{8,}|(?:[0-9a-fA-F]{2}:){5,}[0-9a-fA-F]{2})$/;
const DURATION = /^\d+(?:\.\d+)?(?:ns|us|µs|ms|s|sec|secs|m|min|mins|h|hr|hrs|d)$/;
const SIZE = /^\d+(?:\.\d+)?(?:[KMGTP]i?B|[KMGTP]|B|[kmgt]b|bytes)$/;
const IPV6 = /^\[?(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?:%\w+)?\]?(?::\d+)?$/;
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
const ARN = /^arn:aws[\w-]*:/;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `123`, `-4`, `3.14`, `1,024`, `+7`, `42%`: `text` from `start` to `end` (exclusive). */
export function isNumber(text: string, start = 0, end = text.length): boolean {
  let index = start;
  const first = text.charCodeAt(start);
  if (first === 45 || first === 43) index++;
  if (index >= end || !isDigit(text.charCodeAt(index))) return false;
  let previousWasDigit = false;
  for (; index < end; index++) {
    const code = text.charCodeAt(index);
    if (isDigit(code)) {
      previousWasDigit = true;
    } else if ((code === 46 || code === 44) && previousWasDigit && index + 1 < end) {
      previousWasDigit = false;
    } else if (code === 37 && index === end - 1 && previousWasDigit) {
      return true;
    } else {
      return false;
    }
  }
  return previousWasDigit;
}

/** `10.0.0.1` and `10.0.0.1:8080`, from `start` to `end`. */
function isIpv4(text: string, start: number, end: number): boolean {
  let dots = 0;
  let digitsInPart = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (isDigit(code)) {
      if (++digitsInPart > 3) return false;
    } else if (code === 46 && digitsInPart > 0 && dots < 3) {
      dots++;
      digitsInPart = 0;
    } else if (code === 58 && dots === 3 && digitsInPart > 0) {
      return isPort(text, index + 1, end);
    } else {
      return false;
    }
  }
  return dots === 3 && digitsInPart > 0;
}

function isPort(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let index = start; index < end; index++) if (!isDigit(text.charCodeAt(index))) return false;
  return true;
}

/**
 * The two commonest variables, numbers and IPv4 addresses, recognised where they stand in the
 * line, so most masked tokens are never cut out of it. `undefined` means "ask `classifyNonNumeric`".
 */
export function classifyNumeric(text: string, start: number, end: number, shape: number): 'IP' | 'NUM' | undefined {
  if ((shape & DIGIT) === 0 || (shape & LETTER) !== 0) return undefined;
  if ((shape & DOT) !== 0 && isIpv4(text, start, end)) return 'IP';
  return isNumber(text, start, end) ? 'NUM' : undefined;
}

function isPath(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first === 47) return text.length > 1 && text.indexOf('/', 1) > 0;
  if (first === 126 || first === 46) return text.charCodeAt(1) === 47 || (first === 46 && text.startsWith('../'));
  // Windows drive paths: C:\dir or C:/dir.
  return text.length > 3 && text.charCodeAt(1) === 58 && (text.charCodeAt(2) === 92 || text.charCodeAt(2) === 47);
}

/** Types of tokens without any digit: only shapes that are variable whatever their letters (never a number or hex). */
function classifyWithoutDigits(text: string, shape: number): ParamType | undefined {
  if ((shape & (COLON | SLASH | OTHER_SPECIAL | DOT)) === 0) return undefined;
  if ((shape & COLON) !== 0 && text.includes('://')) return 'URL';
  if ((shape & (SLASH | OTHER_SPECIAL | DOT)) !== 0 && isPath(text)) return 'PATH';
  if ((shape & OTHER_SPECIAL) !== 0 && text.includes('@') && EMAIL.test(text)) return 'EMAIL';
  if ((shape & COLON) !== 0 && text.startsWith('arn:') && ARN.test(text)) return 'ARN';
  return undefined;
}

/**
 * The type of a token that {@link classifyNumeric} has already ruled out (the scanner checks numbers and IPv4
 * addresses where they stand in the line), or `undefined` when it is a constant word.
 * @param shape the character classes the scanner saw in the token (a superset is fine: it only
 *   lets checks be skipped that cannot succeed)
 */
export function classifyNonNumeric(text: string, shape: number): ParamType | undefined {
  if ((shape & DIGIT) === 0) return classifyWithoutDigits(text, shape);
  const first = text.charCodeAt(0);
  if (isDigit(first)) {
    if ((shape & COLON) !== 0 && TIME.test(text)) return 'TIME';
    if ((shape & (JOINER | SLASH | DOT)) !== 0 && DATE.test(text)) return 'DATE';
    if ((shape & LETTER) !== 0) {
      if (DURATION.test(text)) return 'DURATION';
      if (SIZE.test(text)) return 'SIZE';
    }
  }
  if ((shape & JOINER) !== 0 && text.length === 36 && UUID.test(text)) return 'UUID';
  if ((shape & (LETTER | COLON)) !== 0 && (shape & NON_HEX_LETTER) === 0 && HEX.test(text)) return 'HEX';
  if ((shape & COLON) !== 0 && IPV6.test(text)) return 'IP';
  return classifyWithoutDigits(text, shape) ?? 'ID';
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * The length of a word prefix kept in the template before a variable rest holding a digit:
 * letters and one separator (`blk_`, `node-`, `port:`, `core.`, or a run of dots as in
 * `instruction......0`), or a lone `/`, `@` or `#` (`/10.0.0.1`). -1 when the token has no such shape.
 */
export function keptPrefixLength(text: string, shape: number): number {
  if ((shape & (JOINER | COLON | DOT | OTHER_SPECIAL | SLASH)) === 0) return -1;
  const length = text.length;
  const first = text.charCodeAt(0);
  let index = 0;
  if (first === 47 || first === 64 || first === 35) {
    index = 1;
  } else {
    while (index < length && isAsciiLetter(text.charCodeAt(index))) index++;
    if (index === 0 || index >= length) return -1;
    const separator = text.charCodeAt(index);
    if (separator === 46) {
      while (index < length && text.charCodeAt(index) === 46) index++;
    } else if (separator === 95 || separator === 58 || separator === 35 || separator === 45) {
      index++;
    } else {
      return -1;
    }
  }
  for (let rest = index; rest < length; rest++) if (isDigit(text.charCodeAt(rest))) return index;
  return -1;
}
