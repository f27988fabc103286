import {
  COLON,
  COMMA,
  DASH,
  DOLLAR,
  DOT,
  PIPE,
  SPACE,
  allDigits,
  allNameChars,
  digitRun,
  fieldEnd,
  isBlank,
  isDigit,
  isFieldEnd,
  isNameChar,
  isUpper,
  skipBlanks,
} from './chars';
import { levelAt } from './level';
import type { LogLevel } from './types';

/** Shape tests for single header fields, used by the header field scanner. All allocation-free except where noted. */

/** Longest `[thread]`/`(thread)` field; longer brackets are message text. */
const MAX_BRACKET_LENGTH = 320;

/**
 * The bracket closing the one at `open` (nesting counted), within the length limit and on the same line: returned as
 * `close * 2 + 1` when a blank occurs inside and `close * 2` otherwise, so one call answers both questions without
 * allocating; -1 if none. The common case uses native indexOf/lastIndexOf, which scan much faster than a charCodeAt
 * loop; the backward searches start at the closing bracket, so none runs past the header.
 */
export function closingBracket(text: string, open: number, opening: string, closing: string): number {
  let close = text.indexOf(closing, open + 1);
  if (close < 0 || close - open > MAX_BRACKET_LENGTH) return -1;
  if (text.lastIndexOf(opening, close) > open) {
    close = nestedClose(text, open, opening.charCodeAt(0), closing.charCodeAt(0));
    if (close < 0) return -1;
  }
  if (text.lastIndexOf('\n', close) > open) return -1;
  return close * 2 + (text.lastIndexOf(' ', close) > open ? 1 : 0);
}

/** Slow path of {@link closingBracket} for nested brackets (`[QuorumPeer[myid=1]/0:...]`). */
function nestedClose(text: string, open: number, opening: number, closing: number): number {
  const limit = Math.min(text.length, open + MAX_BRACKET_LENGTH + 1);
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === opening) depth++;
    else if (c === closing && --depth === 0) return i;
  }
  return -1;
}

export function hasBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isBlank(text.charCodeAt(i))) return true;
  return false;
}

/** Word shape bits, packed with the word's end by {@link scanWord}. */
export const WORD_NAME_ONLY = 1; // only name characters, apart from a final `:`
export const WORD_DOTTED = 2; // has a `.` or `$`, as qualified logger and class names do
export const WORD_BITS = 4;

/**
 * One pass over the field at `index`: returns `end * WORD_BITS + shape` (WORD_NAME_ONLY, WORD_DOTTED), so the word's
 * end and shape come back without re-scanning it or allocating.
 */
export function scanWord(text: string, index: number): number {
  let i = index;
  let nameOnly = true;
  let dotted = false;
  for (let c = text.charCodeAt(i); c > SPACE; c = text.charCodeAt(++i)) {
    if (c === DOT || c === DOLLAR) dotted = true;
    else if (c === COLON && text.charCodeAt(i + 1) === COLON) {
      dotted = true; // Rust paths, `my_crate::module:`
      i++;
    } else if (nameOnly && !isNameChar(c) && !(c === COLON && isFieldEnd(text.charCodeAt(i + 1)))) nameOnly = false;
  }
  return i * WORD_BITS + (nameOnly ? WORD_NAME_ONLY : 0) + (dotted ? WORD_DOTTED : 0);
}

/** End of a separator field (`-`, `--`, `---`, `|`, `,`, `:`) at `index`, or -1. */
export function separatorEnd(text: string, index: number): number {
  const c = text.charCodeAt(index);
  let end = index + 1;
  if (c === DASH) {
    while (end < index + 3 && text.charCodeAt(end) === DASH) end++;
  } else if (c !== PIPE && c !== COMMA && c !== COLON) {
    return -1;
  }
  return isFieldEnd(text.charCodeAt(end)) ? end : -1;
}

/** Level inside a bracket: `ERROR`, `notice`, `E`, Apache 2.4's `core:error`. */
export function bracketedLevel(text: string, start: number, end: number): LogLevel | undefined {
  const direct = levelAt(text, start, end, false);
  if (direct !== undefined || end - start > 24) return direct;
  const colon = text.lastIndexOf(':', end - 1);
  return colon > start ? levelAt(text, colon + 1, end, false) : undefined;
}

/** `[pid 123]` or `[pid 123:tid 456]` (Apache 2.4). */
export function isPidTid(text: string, start: number, end: number): boolean {
  return end - start > 4 && text.startsWith('pid ', start);
}

/** log4j `%t:%C@%L` locations (`QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774`): the class. */
export function classBeforeLine(text: string, start: number, end: number): string | undefined {
  if (!isDigit(text.charCodeAt(end - 1))) return undefined;
  const at = text.lastIndexOf('@', end - 1);
  if (at <= start || !allDigits(text, at + 1, end)) return undefined;
  const colon = text.lastIndexOf(':', at - 1);
  const from = colon >= start ? colon + 1 : start;
  return allNameChars(text, from, at) ? text.slice(from, at) : undefined;
}

/** Python `- name - LEVEL -`: the field at `index` is followed by a dash separator and a level. */
export function isFollowedByDashAndLevel(text: string, end: number): boolean {
  const dash = skipBlanks(text, end);
  if (dash === end || text.charCodeAt(dash) !== DASH || !isBlank(text.charCodeAt(dash + 1))) return false;
  const levelStart = skipBlanks(text, dash + 1);
  return levelAt(text, levelStart, fieldEnd(text, levelStart), false) !== undefined;
}

export function countBlanks(text: string, index: number): number {
  return skipBlanks(text, index) - index;
}

/**
 * Is a level word spelled in lower or mixed case (`Info`, `error`) really the level column? Only with evidence a
 * message word lacks: an attached colon, column padding (a tab or two blanks), a following bracket, or nothing after.
 * Upper-case spellings need no evidence.
 */
export function isLevelColumn(text: string, start: number, wordEnd: number, end: number): boolean {
  if (isUpper(text.charCodeAt(start + 1)) || wordEnd < end) return true;
  const next = text.charCodeAt(end);
  if (next !== SPACE) return isFieldEnd(next);
  const after = text.charCodeAt(end + 1);
  return isBlank(after) || isFieldEnd(after) || after === 91 /* [ */ || after === 40 /* ( */;
}

/** Class names that are the message's subject, not a logger: `java.lang.IllegalStateException: ...`. */
export function isErrorTypeName(text: string, start: number, end: number): boolean {
  const length = end - start;
  return (length > 9 && text.startsWith('Exception', end - 9)) || (length > 5 && text.startsWith('Error', end - 5));
}

/**
 * Monolog/Laravel `channel.LEVEL:` (`local.ERROR:`): the level after the last dot of `text[start, wordEnd)`, when that
 * suffix is an upper-case level; the channel is then `text[start, lastDot)`. Returns the dot index, or -1.
 */
export function channelLevelDot(text: string, start: number, wordEnd: number): number {
  const dot = text.lastIndexOf('.', wordEnd - 1);
  return dot > start && levelAt(text, dot + 1, wordEnd, true) !== undefined ? dot : -1;
}

/** nginx `1234#0:` (pid#thread, colon-terminated). */
export function isPidHashThread(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(end - 1) !== COLON) return false;
  const hash = start + digitRun(text, start);
  if (hash === start || text.charCodeAt(hash) !== 35 /* # */) return false;
  return allDigits(text, hash + 1, end - 1);
}
