import { RE2JS } from 're2js';
import { InvalidInputError } from '../errors';

/**
 * The longest pattern source accepted. User patterns are short (an order id, a token shape); a longer
 * one is more likely a pasted list that belongs in several patterns.
 */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * A regular expression written by a user (a mask, a redaction), run by RE2JS: a pure-JavaScript port of
 * RE2 whose matching time grows linearly with the text. JavaScript's own engine backtracks, so a pattern
 * such as `(a+)+$` takes exponential time on `aaaa…!`; a configuration must not be able to hang the tool.
 * The price is RE2's syntax: no lookaround, no backreferences.
 */
export interface UserPattern {
  /** The pattern as written. */
  readonly source: string;
  /** Whether the whole of `text` matches. */
  matchesWhole(text: string): boolean;
  /**
   * `text` with every match replaced by `replacement`, read as `String.prototype.replace` reads it
   * (`$&`, `$1`, `$<name>`, `$$`).
   */
  replaceAll(text: string, replacement: string): string;
}

/** Why `source` cannot be a user pattern (`is empty`, `is not a regular expression …`), or `undefined`. */
export function userPatternProblem(source: string): string | undefined {
  if (source.length === 0) return 'is empty';
  if (source.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (error) {
    return `is not a regular expression the linear-time engine runs (RE2 syntax: no lookaround, no backreferences): ${messageOf(error)}`;
  }
}

/**
 * Compiles a user pattern. `what` names it in the error (`mask pattern ORDER_ID`), so a bad configuration
 * fails where it is loaded with the pattern and the problem in the message.
 */
export function compileUserPattern(source: string, what: string): UserPattern {
  const problem = userPatternProblem(source);
  if (problem !== undefined) throw new InvalidInputError(`${what} ${JSON.stringify(source)} ${problem}`);
  const compiled = RE2JS.compile(source);
  return {
    source,
    // testExact asks for no capture groups, which lets RE2JS run its DFA.
    matchesWhole: (text) => compiled.testExact(text),
    // Most texts hold no match: test() runs the DFA alone, and only a hit pays for the capturing matcher.
    replaceAll: (text, replacement) => (compiled.test(text) ? compiled.matcher(text).replaceAll(replacement) : text),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
