import { type LogLevel, levelAt } from '../log-line';

function isTrailingMark(code: number): boolean {
  return code === 58 || code === 44 || code === 93 || code === 41 || code === 62; // : , ] ) >
}

function isLeadingMark(code: number): boolean {
  return code === 91 || code === 40 || code === 60; // [ ( <
}

/**
 * The level a header token names in any spelling (`INFO`, `[warn]`, `Error:`, `<E>`), or undefined. Brackets and a
 * trailing colon or comma are not part of the name. Runs per line on level columns: no slicing.
 */
export function levelOfToken(text: string, start: number, end: number): LogLevel | undefined {
  let from = start;
  let to = end;
  while (from < to && isLeadingMark(text.charCodeAt(from))) from++;
  while (to > from && isTrailingMark(text.charCodeAt(to - 1))) to--;
  while (from < to && text.charCodeAt(from) === 32) from++;
  while (to > from && text.charCodeAt(to - 1) === 32) to--;
  return to > from ? levelAt(text, from, to, false) : undefined;
}
