import { InvalidInputError } from '../errors';

/** Replaces secrets and personal data in a text before it leaves the account. */
export type Redactor = (text: string) => string;

/** A pattern and what a match becomes (`$1`… refer to its groups). */
interface Rule {
  readonly pattern: RegExp;
  readonly replacement: string;
}

/**
 * Built-in rules, in order. Passwords in URLs go before e-mail addresses: `user:pass@host.example` would
 * otherwise be read as an address and the password left half in place.
 */
const BUILT_IN_RULES: readonly Rule[] = [
  // AWS access key ids: long-term (AKIA) and temporary (ASIA), 20 upper-case characters.
  { pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, replacement: '[REDACTED:aws-access-key]' },
  // Bearer tokens in headers or log lines; the scheme stays so the line still reads.
  { pattern: /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi, replacement: '$1 [REDACTED]' },
  // scheme://user:password@host — keep the user, drop the password.
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]+):([^\s/@]+)@/gi, replacement: '$1$2:[REDACTED]@' },
  { pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, replacement: '[REDACTED:email]' },
];

/**
 * A redactor applying the built-in rules, then each user pattern (a JavaScript regular expression source,
 * matched globally, each match replaced by `[REDACTED]`). A pattern that does not compile is an
 * `InvalidInputError` naming it, so a bad configuration fails at cold start rather than leaking.
 */
export function createRedactor(userPatterns: readonly string[] = []): Redactor {
  const rules: Rule[] = [...BUILT_IN_RULES];
  userPatterns.forEach((source, index) => {
    try {
      rules.push({ pattern: new RegExp(source, 'g'), replacement: '[REDACTED]' });
    } catch (error) {
      throw new InvalidInputError(
        `redaction pattern ${index} (${JSON.stringify(source)}) is not a regular expression: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  });
  return (text) => rules.reduce((out, rule) => out.replace(rule.pattern, rule.replacement), text);
}

/** Every string inside a JSON-like value redacted (objects and arrays copied, other values kept). */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redact)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, redact);
    return out as T;
  }
  return value;
}
