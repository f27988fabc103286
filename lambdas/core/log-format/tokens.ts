/**
 * Splitting the leading part of a line into header tokens, by character code (this runs per line when a learnt layout
 * is applied). A token is a blank-separated word, a bracketed group (`[IPC Server handler 5]`, nested brackets and
 * blanks inside allowed, `][` splits), or, in tab mode, everything between two tabs.
 */
import type { LogLayout } from './types';

const TAB = 9;
const LF = 10;
const SPACE = 32;
const PIPE = 124;
/** Longest bracketed token: longer brackets are message text. */
const MAX_BRACKET = 320;

const CLOSING: Readonly<Record<number, number>> = { 91: 93, 40: 41, 60: 62, 123: 125 };

export function isBlankCode(code: number): boolean {
  return code === SPACE || code === TAB;
}

export function skipBlanksFrom(text: string, index: number): number {
  let i = index;
  while (isBlankCode(text.charCodeAt(i))) i++;
  return i;
}

/** The bracket closing the one at `open` (nesting counted, same line, within the limit), or -1. */
function closeOf(text: string, open: number): number {
  const opening = text.charCodeAt(open);
  const closing = CLOSING[opening];
  if (closing === undefined) return -1;
  const limit = Math.min(text.length, open + MAX_BRACKET);
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === opening) depth++;
    else if (c === closing && --depth === 0) return i;
    else if (c === LF) return -1;
  }
  return -1;
}

/** End of the token starting at `start` (a non-blank character); `start` itself when the line ends there. */
export function tokenEnd(text: string, start: number, split: LogLayout['split']): number {
  let i = start;
  if (split !== 'blank') {
    const delimiter = split === 'tab' ? TAB : PIPE;
    while (i < text.length && text.charCodeAt(i) !== delimiter && text.charCodeAt(i) !== LF) i++;
    return i;
  }
  const close = closeOf(text, start);
  if (close > 0) {
    i = close + 1;
    // `[main]:` and `[pid],` keep their punctuation; `][` starts the next token.
    const next = text.charCodeAt(i);
    if (next === 58 || next === 44) i++;
    return i;
  }
  for (let c = text.charCodeAt(i); c > SPACE; c = text.charCodeAt(++i));
  return i;
}

/** Start of the next token after one ending at `end`, or -1 at the end of the line (or at a line break). */
export function nextTokenStart(text: string, end: number, split: LogLayout['split']): number {
  let i = end;
  if (split !== 'blank') {
    if (text.charCodeAt(i) !== (split === 'tab' ? TAB : PIPE)) return -1;
    i++;
    while (text.charCodeAt(i) === SPACE) i++;
    return i < text.length ? i : -1;
  }
  i = skipBlanksFrom(text, i);
  return i < text.length && text.charCodeAt(i) !== LF ? i : -1;
}

/** Where the first token starts: after leading blanks, unless blanks are part of the first delimited field. */
export function firstTokenStart(text: string, split: LogLayout['split']): number {
  return split === 'tab' ? 0 : skipBlanksFrom(text, 0);
}

/** `9` for a digit run, `a` for a letter run, other characters as they are: `Jun 14 15:16:01` -> `a 9 9:9:9`. */
export function shapeOf(text: string, start: number, end: number): string {
  let shape = '';
  let last = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let mark: number;
    if (c >= 48 && c <= 57) mark = 57;
    else if ((c | 0x20) >= 97 && (c | 0x20) <= 122) mark = 97;
    else if (isBlankCode(c)) mark = SPACE;
    else mark = c;
    if (mark !== last || (mark !== 57 && mark !== 97 && mark !== SPACE)) shape += String.fromCharCode(mark);
    last = mark;
  }
  return shape;
}
