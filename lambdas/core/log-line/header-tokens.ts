import { COLON, DASH, LBRACKET, LPAREN, LT, PIPE, allDigits, isBlank, isUpper, skipBlanks } from './chars';
import {
  WORD_BITS,
  WORD_DOTTED,
  WORD_NAME_ONLY,
  bracketedLevel,
  channelLevelDot,
  classBeforeLine,
  closingBracket,
  countBlanks,
  hasBlank,
  isErrorTypeName,
  isFollowedByDashAndLevel,
  isLevelColumn,
  isPidHashThread,
  isPidTid,
  scanWord,
  separatorEnd,
} from './header-field-shapes';
import type { HeaderFields } from './header-fields';
import { isUuidField } from './lambda-runtime';
import { levelAt } from './level';
import { isPidTagAt, parseSyslogTail } from './syslog-tail';

const UUID_LENGTH = 36;
/** Headers are short: past this many fields the rest is message, however header-like it looks. */
const MAX_HEADER_FIELDS = 8;
/** Longest column-aligned component (`Info   CBS    msg`). */
const MAX_COLUMN_COMPONENT = 32;
/** Blanks that mark a column-aligned component as a column rather than a word of the message. */
const MIN_COLUMN_GAP = 3;

/** Capitalised id columns (host, facility, component) tried before a level. */
const MAX_ID_FIELDS = 4;

/** `RAS`, `KERNEL`, `R27-M0-N1-C:J15-U01`: capitals, digits and `-_:.` only, with at least one capital. */
function isUpperCaseIdField(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  let capitals = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isUpper(c)) capitals++;
    else if (!((c >= 48 && c <= 57) || c === DASH || c === 95 || c === COLON || c === 46)) return false;
  }
  return capitals > 0;
}

/** Whether an upper-case level word, laid out as a header column, starts at `at`. */
function upperCaseLevelAt(text: string, at: number): boolean {
  const word = scanWord(text, at);
  const end = (word - (word % WORD_BITS)) / WORD_BITS;
  const wordEnd = text.charCodeAt(end - 1) === COLON ? end - 1 : end;
  return wordEnd - at > 1 && levelAt(text, at, wordEnd, true) !== undefined && isLevelColumn(text, at, wordEnd, end);
}

/**
 * Scans header fields from `index` (after any leading timestamp) and sets `fields.messageStart` to the first index
 * that is certainly message. `inHeader` says whether a timestamp was seen: only then may threads, pids and loggers be
 * stripped; without it only an upper-case level (or a field confirmed by a level after it) counts as header.
 * Fields that need a later level to be believed (`148` in HDFS's `148 INFO`, `[main]` before a level) are consumed
 * tentatively and committed only when that level comes.
 */
export function scanHeaderFields(text: string, index: number, inHeader: boolean, fields: HeaderFields): void {
  let position = index; // next field to look at; fields.messageStart trails it at the last committed field
  let ctx = inHeader; // true once a timestamp or a level vouches for this being a header
  let tentative = false;
  let lastWasLevel = false;
  let levelBracketed = false;
  let threadSeen = false;
  // The last capitalised id column consumed tentatively (`KERNEL` in `RAS KERNEL FATAL`).
  let idStart = 0;
  let idEnd = 0;
  fields.messageStart = index;

  for (let n = 0; n < MAX_HEADER_FIELDS; n++) {
    const at = skipBlanks(text, position);
    const c = text.charCodeAt(at);
    if (Number.isNaN(c)) break; // end of text

    if (n === 0 && !ctx && (c === DASH || c === PIPE)) {
      // `- WARN  [thread] - msg`: a reader cut the timestamp off a `%d - %p` layout (Zookeeper's log4j).
      const afterSeparator = separatorEnd(text, at);
      if (afterSeparator > 0 && upperCaseLevelAt(text, skipBlanks(text, afterSeparator))) {
        position = fields.messageStart = afterSeparator;
        continue;
      }
    }
    const separator = ctx && !tentative ? separatorEnd(text, at) : -1;
    if (separator > 0 && (c !== COLON || fields.level !== undefined)) {
      position = fields.messageStart = separator;
      continue;
    }

    if (c === LBRACKET || c === LPAREN || c === LT) {
      const closeAndBlank = closingBracket(text, at, text.charAt(at), c === LBRACKET ? ']' : c === LPAREN ? ')' : '>');
      if (closeAndBlank < 0) break;
      const close = closeAndBlank >> 1;
      const innerStart = skipBlanks(text, at + 1);
      let innerEnd = close;
      while (innerEnd > innerStart && isBlank(text.charCodeAt(innerEnd - 1))) innerEnd--;
      const level = fields.level === undefined && c !== LPAREN ? bracketedLevel(text, innerStart, innerEnd) : undefined;
      if (level !== undefined) {
        fields.level = level;
        position = fields.messageStart = close + 1;
        tentative = false;
        ctx = true;
        lastWasLevel = true;
        levelBracketed = true;
        continue;
      }
      if (c === LT) break;
      const spaced = (closeAndBlank & 1) === 1 && hasBlank(text, innerStart, innerEnd);
      // log4j `%p [%t]`: a thread right after a bare level may contain blanks (`[IPC Server handler 5 on 62270]`).
      if (spaced && !(lastWasLevel && !levelBracketed) && !isPidTid(text, innerStart, innerEnd)) break;
      threadSeen = true;
      lastWasLevel = false;
      if (fields.component === undefined && c === LBRACKET) {
        fields.component = classBeforeLine(text, innerStart, innerEnd);
      }
      position = close + 1;
      if (ctx && !tentative) fields.messageStart = position;
      else tentative = true;
      continue;
    }

    // With level and component known, a word can only be message: stop before scanning it.
    if (fields.component !== undefined && fields.level !== undefined) break;
    const word = scanWord(text, at);
    const shape = word % WORD_BITS;
    const end = (word - shape) / WORD_BITS;
    const wordEnd = text.charCodeAt(end - 1) === COLON ? end - 1 : end;
    const isName = (shape & WORD_NAME_ONLY) !== 0 && wordEnd > at; // name characters, apart from a final colon
    const dotted = (shape & WORD_DOTTED) !== 0;

    if (fields.level === undefined && wordEnd - at > 1) {
      const level = levelAt(text, at, wordEnd, !ctx);
      if (level !== undefined && isLevelColumn(text, at, wordEnd, end)) {
        fields.level = level;
        if (idEnd > idStart && fields.component === undefined) fields.component = text.slice(idStart, idEnd);
        position = fields.messageStart = end;
        tentative = false;
        ctx = true;
        lastWasLevel = true;
        levelBracketed = false;
        continue;
      }
    }
    // Capitalised columns may open a header even before anything vouches for one (see below).
    const idField =
      fields.level === undefined &&
      fields.component === undefined &&
      n < MAX_ID_FIELDS &&
      isUpperCaseIdField(text, at, end);
    if (!ctx && !idField) break;

    if (fields.level === undefined && !tentative) {
      if (position === index && inHeader) {
        const tagAt = skipBlanks(text, end);
        if (tagAt > end && isPidTagAt(text, tagAt)) {
          parseSyslogTail(text, at, fields); // RFC 5424-style stamp: `2024-01-01T00:00:00Z host app[12]: msg`
          return;
        }
      }
      if (wordEnd < end && dotted && isName) {
        const dot = channelLevelDot(text, at, wordEnd);
        if (dot > 0) {
          fields.level = levelAt(text, dot + 1, wordEnd, true);
          fields.component = text.slice(at, dot); // Monolog `[date] channel.LEVEL: message`
          fields.messageStart = end;
          return;
        }
      }
    }

    if (allDigits(text, at, end)) {
      if (fields.level === undefined) {
        position = end; // a pid before the level (HDFS `148 INFO`): believed only if the level follows
        tentative = true;
        continue;
      }
      const next = skipBlanks(text, end);
      if (lastWasLevel && (text.charCodeAt(next) === LBRACKET || separatorEnd(text, next) > 0)) {
        position = fields.messageStart = end; // Spring Boot `INFO 12345 --- [main]`
        lastWasLevel = false;
        continue;
      }
      break;
    }
    if (idField) {
      // `R27-M0-N1-C:J15-U01 RAS KERNEL FATAL msg`: host, facility and component columns written in capitals,
      // believed only when an upper-case level follows (tentative); the last one is the component.
      idStart = at;
      idEnd = end;
      position = end;
      tentative = true;
      continue;
    }
    if (tentative || fields.component !== undefined) break;

    if (fields.level === undefined) {
      if (end - at === UUID_LENGTH && isUuidField(text, at)) {
        position = fields.messageStart = end; // request id (Lambda log4j `%X{AWSRequestId}`, `Task timed out`)
        continue;
      }
      if (!threadSeen && isName && wordEnd === end && isFollowedByDashAndLevel(text, end)) {
        fields.component = text.slice(at, end); // Python `%(asctime)s - %(name)s - %(levelname)s - %(message)s`
        position = fields.messageStart = end;
        continue;
      }
      break;
    }

    if (lastWasLevel && isPidHashThread(text, at, end)) {
      position = fields.messageStart = end; // nginx `[error] 1234#0: *5 ...`
      lastWasLevel = false;
      continue;
    }

    // After a level: a logger name, believed only in shapes loggers print and messages rarely do.
    if (!isName) break;
    if (wordEnd < end) {
      // `org.apache.hadoop.mapred.Task: msg`; not after `[ERROR]` alone (Maven, Lambda Python errors put the
      // message's subject there), and never an exception class, which is the message itself.
      if ((threadSeen || (dotted && !levelBracketed)) && !isErrorTypeName(text, at, wordEnd)) {
        fields.component = text.slice(at, wordEnd);
        fields.messageStart = end;
      }
      break;
    }
    const next = skipBlanks(text, end);
    const separatorAfter = separatorEnd(text, next);
    const nextCode = text.charCodeAt(next);
    if (separatorAfter > 0 && (nextCode === DASH || nextCode === COLON) && dotted) {
      fields.component = text.slice(at, end); // log4j `%c - %m`, Spring `c.e.App   : msg`
      fields.messageStart = separatorAfter;
    } else if (lastWasLevel && end - at <= MAX_COLUMN_COMPONENT && countBlanks(text, end) >= MIN_COLUMN_GAP) {
      fields.component = text.slice(at, end); // column-aligned `Info                  CBS    msg`
      fields.messageStart = end;
    }
    break;
  }
}
