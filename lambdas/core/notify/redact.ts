import { compileUserPattern } from '../patterns';
import { builtInSecretRules, type SecretRule } from './built-in-secret-rules';
import { createSecretlintScanner, type SecretRange } from './secretlint-scanner';

/** Replaces secrets and personal data in a text before it leaves the account. */
export type Redactor = (text: string) => string;

/**
 * A redactor for everything that leaves the account (Slack, verdict events, state machine input and output):
 * 1. the built-in rules (built-in-secret-rules.ts: bearer and basic credentials, JWTs, Google API keys,
 *    Stripe, Cloudflare and Tailscale keys, passwords in URLs and `password=…`, e-mail addresses);
 * 2. secretlint's recommended preset (secretlint-scanner.ts: cloud and SaaS tokens, private keys, webhook
 *    URLs), each secret found becoming `[REDACTED:<rule>]`;
 * 3. each user pattern (RE2 syntax, linear time; every match becomes `[REDACTED]`).
 * A user pattern the engine refuses is an `InvalidInputError` naming it, so a bad configuration fails at cold
 * start rather than leaking.
 */
export function createRedactor(userPatterns: readonly string[] = []): Redactor {
  const rules: SecretRule[] = builtInSecretRules();
  const user: SecretRule[] = userPatterns.map((source, index) => ({
    pattern: compileUserPattern(source, `redaction pattern ${index}`),
    replacement: '[REDACTED]',
  }));
  const scan = createSecretlintScanner();
  const apply = (text: string, list: readonly SecretRule[]) =>
    list.reduce((out, rule) => rule.pattern.replaceAll(out, rule.replacement), text);
  return (text) => apply(replaceRanges(apply(text, rules), scan), user);
}

/** `text` with every range a scan finds replaced by `[REDACTED:<rule>]` (overlapping ranges merged). */
function replaceRanges(text: string, scan: (text: string) => SecretRange[]): string {
  const ranges = scan(text).sort((a, b) => a.start - b.start);
  if (ranges.length === 0) return text;
  let out = '';
  let position = 0;
  for (const range of ranges) {
    if (range.end <= position) continue;
    if (range.start >= position) out += `${text.slice(position, range.start)}[REDACTED:${range.rule}]`;
    position = range.end;
  }
  return out + text.slice(position);
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
