/**
 * Header tokens of one sample line, each with the kind its own text suggests. Runs only while a layout is learnt (a
 * sample of a few hundred lines per source), so regular expressions are fine here; applying a layout per line does
 * not come through this file.
 */
import { type TimestampScan, scanLeadingTimestamp } from '../log-line';
import { levelOfToken } from './token-level';
import { firstTokenStart, isBlankCode, nextTokenStart, shapeOf, skipBlanksFrom, tokenEnd } from './tokens';
import type { ColumnKind, LogLayout } from './types';

/** One token of a sample line. */
export interface SampleToken {
  readonly start: number;
  readonly end: number;
  /** Blank-separated parts (more than one only for timestamps such as `Jun 14 15:16:01`). */
  readonly parts: number;
  readonly kind: ColumnKind;
  readonly value: string;
  /** Followed by a tab or by two blanks or more: column padding. */
  readonly padded: boolean;
}

/** Headers are short: past this many tokens the rest of the line is message. */
export const MAX_SAMPLE_TOKENS = 14;

// A time of day, a full date (numeric or with a month name), a date and time joined by `T`, `:` or `-`, glog's
// `I0101`; an optional zone and trailing comma or colon.
const TIME_OF_DAY = /^\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?[,:]?$/;
const DATE_TIME =
  /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[-/.]?[A-Za-z]{3}[-/.]?\d{2,4})(?:[T_:-]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?[,:]?$/;
const GLOG_DATE = /^[IWEFDV]\d{4}$/;
const EPOCH = /^(?:\d{10}(?:\.\d{1,9})?|\d{13})[,:]?$/;
const MONTH_OR_WEEKDAY =
  /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?$/i;
const DAY = /^\d{1,2}(?:st|nd|rd|th)?,?$/;
const YEAR = /^(?:19[7-9]\d|20\d\d),?$/;
const ZONE = /^(?:Z|UTC|GMT|CET|CEST|EET|EEST|WET|PST|PDT|EST|EDT|CST|CDT|MST|MDT|IST|JST|BST|[+-]\d{2}:?\d{2})\]?$/;
const MERIDIEM = /^(?:AM|PM|am|pm)\]?$/;

const NUMBER = /^[#*-]?\d+(?:\.\d+)?s?[:,]?$/;
const ID = /^(?=[^-]*\d)[0-9a-fA-F]{8,}(?:-[0-9a-fA-F]{4,})*[:,]?$/;
const SEPARATOR = /^[-|:*#>.=~+!%]{1,3}$/;

const EPOCH_MIN_SECONDS = 946_684_800; // 2000-01-01
const EPOCH_MAX_SECONDS = 4_102_444_800; // 2100-01-01

function isEpoch(word: string): boolean {
  if (!EPOCH.test(word)) return false;
  const digits = word.replace(/[^\d.]/g, '');
  const seconds = digits.length === 13 ? Number(digits) / 1000 : Number(digits);
  return seconds >= EPOCH_MIN_SECONDS && seconds < EPOCH_MAX_SECONDS;
}

/** A part that is a timestamp on its own (a date, a time, an epoch). */
function isStrongTimePart(word: string): boolean {
  return TIME_OF_DAY.test(word) || DATE_TIME.test(word) || GLOG_DATE.test(word) || isEpoch(word);
}

function nextWord(text: string, end: number): string {
  const next = nextTokenStart(text, end, 'blank');
  return next < 0 ? '' : text.slice(next, tokenEnd(text, next, 'blank'));
}

/** Blank-separated words from `start` while they read as parts of one timestamp; returns the count (0: none). */
function genericTimeParts(text: string, start: number): number {
  let at = start;
  let parts = 0;
  let accepted = 0;
  let strong = false;
  let named = false; // a month or weekday name opened it: ctime's year may follow the time
  let sawTime = false;
  for (let n = 0; n < 6 && at >= 0; n++) {
    const end = tokenEnd(text, at, 'blank');
    let word = text.slice(at, end);
    if (n === 0 && word.startsWith('[')) word = word.slice(1);
    if (word.endsWith(']')) word = word.slice(0, -1);
    const isStrong = isStrongTimePart(word);
    const isName = MONTH_OR_WEEKDAY.test(word);
    // A bare day only next to a month name (`Jun 14`, `01 Jan 2024`), never before an ISO date (`<165>1 2024-...`).
    const dayOfMonth = DAY.test(word) && !sawTime && (named || MONTH_OR_WEEKDAY.test(nextWord(text, end)));
    const weak =
      dayOfMonth || (YEAR.test(word) && (named || !sawTime)) || (sawTime && (ZONE.test(word) || MERIDIEM.test(word)));
    if (!isStrong && !isName && !weak) break;
    parts = n + 1;
    if (isStrong) {
      strong = true;
      sawTime ||= TIME_OF_DAY.test(word) || /[T:]\d{2}:\d{2}/.test(word) || isEpoch(word);
      accepted = parts;
    } else if (isName) {
      named = true;
    } else if (!DAY.test(word)) {
      accepted = parts; // a year, zone or meridiem may close the timestamp; a bare day may not
    }
    if (text.charCodeAt(end) === 93 || !isBlankCode(text.charCodeAt(end))) break;
    at = nextTokenStart(text, end, 'blank');
  }
  return strong ? Math.min(parts, accepted) : 0;
}

/** End of `parts` blank-separated words from `start`. */
function endAfterParts(text: string, start: number, parts: number): number {
  let end = tokenEnd(text, start, 'blank');
  for (let n = 1; n < parts; n++) end = tokenEnd(text, skipBlanksFrom(text, end), 'blank');
  return end;
}

/** Parts of a timestamp starting at `start` (0: none): the line-header parser's scanner first, then the generic one. */
function timeParts(text: string, start: number, scan: TimestampScan): number {
  if (scanLeadingTimestamp(text, start, scan)) {
    let end = scan.end;
    while (text.charCodeAt(end) === 44 || text.charCodeAt(end) === 58) end++; // `04:30:30,` `...+0000:`
    if (end >= text.length || isBlankCode(text.charCodeAt(end))) {
      let parts = 1;
      for (let i = start; i < end; i++)
        if (isBlankCode(text.charCodeAt(i)) && !isBlankCode(text.charCodeAt(i + 1))) parts++;
      return parts;
    }
  }
  return genericTimeParts(text, start);
}

/** A whole delimited field that is one timestamp (a trailing comma or colon allowed). */
function isTimeField(field: string, scan: TimestampScan): boolean {
  if (scanLeadingTimestamp(field, 0, scan) && scan.end >= field.length - 1) return true;
  const parts = genericTimeParts(field, 0);
  return parts > 0 && endAfterParts(field, 0, parts) >= field.length - 1;
}

function kindOfWord(text: string, start: number, end: number): ColumnKind {
  const word = text.slice(start, end);
  const first = text.charCodeAt(start);
  if (levelOfToken(text, start, end) !== undefined) return 'level';
  if (first === 91 || first === 40 || first === 60 || first === 123) {
    const close = Math.max(word.lastIndexOf(']'), word.lastIndexOf(')'), word.lastIndexOf('>'), word.lastIndexOf('}'));
    const scan: TimestampScan = { end: 0, millis: Number.NaN, syslog: false };
    return close > 1 && isTimeField(word.slice(1, close).trim(), scan) ? 'time' : 'bracket';
  }
  if (SEPARATOR.test(word)) return 'separator';
  if (NUMBER.test(word)) return 'number';
  if (ID.test(word)) return 'id';
  return 'name';
}

/** The leading tokens of `text` (up to {@link MAX_SAMPLE_TOKENS}), classified. */
export function sampleTokens(text: string, split: LogLayout['split']): SampleToken[] {
  const tokens: SampleToken[] = [];
  const scan: TimestampScan = { end: 0, millis: Number.NaN, syslog: false };
  let at = firstTokenStart(text, split);
  while (at >= 0 && at < text.length && tokens.length < MAX_SAMPLE_TOKENS) {
    let end: number;
    let parts = 1;
    let kind: ColumnKind;
    if (split !== 'blank') {
      end = tokenEnd(text, at, split);
      kind = isTimeField(text.slice(at, end).trimEnd(), scan) ? 'time' : kindOfWord(text, at, end);
    } else {
      parts = text.charCodeAt(at) === 91 ? 0 : timeParts(text, at, scan);
      if (parts > 0) {
        end = endAfterParts(text, at, parts);
        kind = 'time';
      } else {
        parts = 1;
        end = tokenEnd(text, at, 'blank');
        kind = kindOfWord(text, at, end);
      }
    }
    const gap = text.charCodeAt(end);
    const padded = gap === 9 || (gap === 32 && isBlankCode(text.charCodeAt(end + 1)));
    tokens.push({ start: at, end, parts, kind, value: text.slice(at, end), padded });
    at = nextTokenStart(text, end, split);
  }
  return tokens;
}

/** The shape a time token is matched by when the layout is applied. */
export function timeShape(token: SampleToken, text: string): string {
  return shapeOf(text, token.start, token.end);
}
