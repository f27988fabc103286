/**
 * Applies a learnt layout to one line: walks the header columns token by token, checks each token against its
 * column, and says where the message begins. Runs per line, so it scans by character code and allocates nothing
 * but the component string.
 */
import type { LogLevel } from '../log-line';
import { levelOfToken } from './token-level';
import { firstTokenStart, isBlankCode, nextTokenStart, shapeOf, tokenEnd } from './tokens';
import type { LayoutColumn, LogLayout } from './types';

/** What matching found; one per caller, filled in place. */
export interface LayoutMatch {
  messageStart: number;
  level: LogLevel | undefined;
  /** Start of the first time column, -1 if none. */
  timeStart: number;
  componentStart: number;
  componentEnd: number;
}

export function emptyMatch(): LayoutMatch {
  return { messageStart: 0, level: undefined, timeStart: -1, componentStart: -1, componentEnd: -1 };
}

const DIGIT = 57;
const LETTER = 97;

function markOf(code: number): number {
  if (code >= 48 && code <= 57) return DIGIT;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 122) return LETTER;
  return isBlankCode(code) ? 32 : code;
}

/** Whether `text[start, end)` has `shape` (see shapeOf): the same comparison without building the string. */
export function hasShape(text: string, start: number, end: number, shape: string): boolean {
  let k = 0;
  let last = 0;
  for (let i = start; i < end; i++) {
    const mark = markOf(text.charCodeAt(i));
    if (mark === last && (mark === DIGIT || mark === LETTER || mark === 32)) continue;
    if (shape.charCodeAt(k) !== mark) return false;
    k++;
    last = mark;
  }
  return k === shape.length;
}

function isDigitsToken(text: string, start: number, end: number): boolean {
  let i = start;
  const first = text.charCodeAt(i);
  if (first === 35 || first === 45 || first === 42) i++; // `#3`, `-1`, `*5`
  let digits = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c !== 46 && c !== 58 && c !== 44 && c !== 115) return false; // . : , s (`0.123s`)
  }
  return digits > 0;
}

function isIdToken(text: string, start: number, end: number): boolean {
  if (end - start < 8) return false;
  for (let i = start; i < end; i++) {
    const lower = text.charCodeAt(i) | 0x20;
    if (
      !((lower >= 48 && lower <= 57) || (lower >= 97 && lower <= 102) || lower === 45 || lower === 58 || lower === 44)
    )
      return false;
  }
  return true;
}

function inValues(text: string, start: number, end: number, values: readonly string[] | undefined): boolean {
  if (values === undefined) return false;
  for (const value of values) if (value.length === end - start && text.startsWith(value, start)) return true;
  return false;
}

/** How a token's letters are written; `other`: mixed case, or no letters at all. */
const LETTER_CASE = { other: 0, lower: 1, upper: 2, title: 3 } as const;

function caseOf(text: string, start: number, end: number): number {
  let lower = 0;
  let upper = 0;
  let startsUpper = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) lower++;
    else if (c >= 65 && c <= 90) {
      if (lower === 0 && upper === 0) startsUpper = true;
      upper++;
    }
  }
  if (upper === 0) return lower > 0 ? LETTER_CASE.lower : LETTER_CASE.other;
  if (lower === 0) return LETTER_CASE.upper;
  return upper === 1 && startsUpper ? LETTER_CASE.title : LETTER_CASE.other;
}

/**
 * A value the sample never showed but written the way the seen ones are: the same shape (letter runs as one mark,
 * brackets and punctuation kept), the same letter case and a length among theirs. A level a sample of a few hundred
 * lines missed (`[FTL]` among `[INF]`, `[WRN]`) is still a level; a message word is not (its case or shape differs,
 * and the columns around it must fit too).
 */
function writtenLikeValues(text: string, start: number, end: number, values: readonly string[] | undefined): boolean {
  if (values === undefined) return false;
  const length = end - start;
  const letterCase = caseOf(text, start, end);
  if (letterCase === LETTER_CASE.other) return false;
  let shortest = Number.POSITIVE_INFINITY;
  let longest = 0;
  let shaped = false;
  for (const value of values) {
    shortest = Math.min(shortest, value.length);
    longest = Math.max(longest, value.length);
    shaped ||=
      caseOf(value, 0, value.length) === letterCase && hasShape(text, start, end, shapeOf(value, 0, value.length));
  }
  return shaped && length >= shortest && length <= longest;
}

function matchesColumn(column: LayoutColumn, text: string, start: number, end: number, match: LayoutMatch): boolean {
  switch (column.kind) {
    case 'time':
      if (column.shapes === undefined || !column.shapes.some((shape) => hasShape(text, start, end, shape)))
        return false;
      if (match.timeStart < 0) match.timeStart = start;
      return true;
    case 'level': {
      const level = levelOfToken(text, start, end);
      if (
        level === undefined &&
        !inValues(text, start, end, column.values) &&
        !writtenLikeValues(text, start, end, column.values)
      )
        return false;
      match.level ??= level;
      return true;
    }
    case 'separator':
      return inValues(text, start, end, column.values);
    case 'number':
      return isDigitsToken(text, start, end);
    case 'id':
      return isIdToken(text, start, end);
    case 'bracket':
      if (text.charCodeAt(start) !== column.opens?.charCodeAt(0)) return false;
      match.level ??= levelOfToken(text, start, end); // `[ERROR]` among `[System]`, `[Note]`
      return true;
    case 'name':
      if (column.endsWith !== undefined) {
        if (text.charCodeAt(end - 1) !== column.endsWith.charCodeAt(0)) return false;
        match.level ??= levelOfToken(text, start, end); // PostgreSQL's `ERROR:` among `LOG:`
      }
      match.componentStart = start;
      match.componentEnd = column.endsWith === ':' ? end - 1 : end;
      return true;
  }
}

/** End of a column spanning `parts` blank-separated tokens from `start`, or -1 when the line ends first. */
function columnEnd(text: string, start: number, parts: number, split: LogLayout['split']): number {
  let end = tokenEnd(text, start, split);
  for (let n = 1; n < parts; n++) {
    const next = nextTokenStart(text, end, split);
    if (next < 0) return -1;
    end = tokenEnd(text, next, split);
  }
  return end;
}

/**
 * Matches `text` against `layout`; on success fills `match` (message start, level, time and component positions)
 * and returns true. A line whose header tokens do not fit the columns (a continuation line, another layout) fails.
 */
export function matchLayout(layout: LogLayout, text: string, match: LayoutMatch): boolean {
  match.level = undefined;
  match.timeStart = -1;
  match.componentStart = -1;
  const at = matchColumns(layout.columns, layout.split, text, firstTokenStart(text, layout.split), match);
  if (at === MISMATCH) return false;
  match.messageStart = at < 0 ? text.length : at;
  if (layout.inner !== undefined && at >= 0) {
    const { level, componentStart, componentEnd } = match;
    const inner = matchColumns(layout.inner, 'blank', text, at, match);
    if (inner === MISMATCH) {
      // The last field does not start with the inner columns on this line: its message is the whole field.
      match.level = level;
      match.componentStart = componentStart;
      match.componentEnd = componentEnd;
    } else match.messageStart = inner < 0 ? text.length : inner;
  }
  return true;
}

/** What matchColumns returns when a token does not fit its column. */
const MISMATCH = -2;

/** Walks `columns` from `at`; returns where the next token starts (-1 at the line's end), or MISMATCH. */
function matchColumns(
  columns: readonly LayoutColumn[],
  split: LogLayout['split'],
  text: string,
  from: number,
  match: LayoutMatch,
): number {
  let at = from;
  for (const column of columns) {
    if (at < 0 || at >= text.length) return MISMATCH;
    const end = columnEnd(text, at, column.parts, split);
    if (end < 0 || !matchesColumn(column, text, at, end, match)) {
      if (column.optional === true) continue; // this line does not carry it: the next column reads the same token
      return MISMATCH;
    }
    at = nextTokenStart(text, end, split);
  }
  return at;
}
