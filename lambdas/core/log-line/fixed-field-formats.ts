import { DASH, DOT, digitRun, digitsAt, twoDigitsAt, fieldEnd, isFieldEnd, skipBlanks } from './chars';
import { isValidDate } from './civil-time';
import type { HeaderFields } from './header-fields';
import { levelAt } from './level';

/**
 * Two supercomputer formats from loghub whose headers are fixed columns rather than self-describing tokens. Each is
 * recognised only by a signature no ordinary message has (an epoch-seconds column next to date columns of a fixed
 * shape), so the columns can be stripped by position.
 */

const EPOCH_DIGITS = 10;
/** `2005.06.03` */
const BGL_DATE_LENGTH = 10;
/** `2005-06-03-15.42.50.675872` */
const BGL_TIME_LENGTH = 26;

/** Advances past one field and the blanks after it; -1 when the field is empty or the line ends. */
function nextField(text: string, index: number): number {
  const end = fieldEnd(text, index);
  if (end === index) return -1;
  const next = skipBlanks(text, end);
  return next === end ? -1 : next;
}

function isEpochSecondsField(text: string, index: number): boolean {
  return digitRun(text, index) === EPOCH_DIGITS && isFieldEnd(text.charCodeAt(index + EPOCH_DIGITS));
}

/**
 * Blue Gene/L RAS log: `Label Epoch yyyy.MM.dd Node yyyy-MM-dd-HH.mm.ss.ffffff NodeRepeat Type Component Level msg`,
 * e.g. `- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO
 * instruction cache parity error corrected`. The message is everything after the level column (loghub's `Content`);
 * the component is the Component column (KERNEL, APP, MMCS...), the timestamp the epoch column plus the fraction of
 * the textual time (the textual time itself is local time, the epoch column is not). An unknown level word is still
 * stripped, since the column position is fixed.
 */
export function parseBglLine(text: string, fields: HeaderFields): boolean {
  const epochAt = nextField(text, 0);
  if (epochAt < 0 || !isEpochSecondsField(text, epochAt)) return false;
  const dateAt = skipBlanks(text, epochAt + EPOCH_DIGITS);
  const dotted = text.charCodeAt(dateAt + 4) === DOT && text.charCodeAt(dateAt + 7) === DOT;
  if (!dotted || !isFieldEnd(text.charCodeAt(dateAt + BGL_DATE_LENGTH))) return false;
  const year = digitsAt(text, dateAt, 4);
  if (year < 0 || !isValidDate(year, twoDigitsAt(text, dateAt + 5), twoDigitsAt(text, dateAt + 8))) return false;
  const nodeAt = skipBlanks(text, dateAt + BGL_DATE_LENGTH);
  const timeAt = nextField(text, nodeAt);
  // Fixed-width columns are checked by shape and skipped, not scanned: this runs on every BGL line.
  if (timeAt < 0 || text.charCodeAt(timeAt + 10) !== DASH || text.charCodeAt(timeAt + 13) !== DOT) return false;
  if (!isFieldEnd(text.charCodeAt(timeAt + BGL_TIME_LENGTH))) return false;
  const repeatAt = skipBlanks(text, timeAt + BGL_TIME_LENGTH);
  const typeAt = nextField(text, repeatAt);
  const componentAt = typeAt < 0 ? -1 : nextField(text, typeAt);
  if (componentAt < 0) return false;
  const componentEnd = fieldEnd(text, componentAt);
  const levelStart = skipBlanks(text, componentEnd);
  if (levelStart === componentEnd) return false;
  const levelEnd = fieldEnd(text, levelStart);
  const fraction = digitsAt(text, timeAt + 20, 3);
  fields.millis = digitsAt(text, epochAt, EPOCH_DIGITS) * 1000 + Math.max(fraction, 0);
  fields.component = text.slice(componentAt, componentEnd);
  fields.level = levelAt(text, levelStart, levelEnd, false);
  fields.messageStart = levelEnd;
  return true;
}

/**
 * LANL HPC log: `LogId Node Component State Epoch Flag msg`, e.g. `134681 node-246 unix.hw state_change.unavailable
 * 1077804742 1 Component State Change: ...`. Recognised by a numeric first column, epoch seconds in the fifth and a
 * small integer flag in the sixth. Component = the Component column; no level column exists.
 */
export function parseHpcLine(text: string, fields: HeaderFields): boolean {
  const nodeAt = nextField(text, 0);
  if (nodeAt < 0 || digitRun(text, 0) !== fieldEnd(text, 0)) return false;
  const componentAt = nextField(text, nodeAt);
  const stateAt = componentAt < 0 ? -1 : nextField(text, componentAt);
  const epochAt = stateAt < 0 ? -1 : nextField(text, stateAt);
  if (epochAt < 0 || !isEpochSecondsField(text, epochAt)) return false;
  const flagAt = skipBlanks(text, epochAt + EPOCH_DIGITS);
  const flagDigits = text.charCodeAt(flagAt) === DASH ? 1 : 0;
  const flagRun = digitRun(text, flagAt + flagDigits);
  if (flagRun < 1 || flagRun > 2 || !isFieldEnd(text.charCodeAt(flagAt + flagDigits + flagRun))) return false;
  fields.millis = digitsAt(text, epochAt, EPOCH_DIGITS) * 1000;
  fields.component = text.slice(componentAt, fieldEnd(text, componentAt));
  fields.messageStart = skipBlanks(text, flagAt + flagDigits + flagRun);
  return true;
}
