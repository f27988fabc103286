/**
 * Escapes the characters a terminal acts on instead of printing: C0 controls (ESC starts colour and cursor
 * sequences, CR returns to the start of the line and lets a log line overwrite what was printed), DEL, C1
 * controls, and the bidirectional overrides that reorder what is shown. Log lines, deploy fields and file
 * names are untrusted: a deploy description must not be able to print a fake "Likely cause" line.
 */

/** Every character escaped in a value, newline and tab included. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for.
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `value` with every control and bidi character written as an escape (`\x1b`, `\r`, `\n`, `\u202e`). */
export function escapeText(value: string): string {
  return value.replace(CONTROL_OR_BIDI, escapeOne);
}
