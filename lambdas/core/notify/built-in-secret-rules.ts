import { compileUserPattern, type UserPattern } from '../patterns';

/** A pattern and what a match becomes (`$1`… refer to its groups). */
export interface SecretRule {
  readonly pattern: UserPattern;
  readonly replacement: string;
}

/**
 * Shapes secretlint's recommended preset does not look for in running text (it scans source files), after
 * gitleaks' rules of the same names. Run by the linear-time engine like user patterns, so no text can make
 * them slow. In order: bearer tokens before JWTs (a bearer JWT keeps its scheme), passwords in URLs before
 * e-mail addresses (`user:pass@host.example` would otherwise be read as an address).
 */
const RULES: ReadonlyArray<readonly [name: string, source: string, replacement: string]> = [
  [
    'aws-access-key',
    '\\b(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\\b',
    '[REDACTED:aws-access-key]',
  ],
  ['bearer', '(?i)\\b(Bearer)\\s+[A-Za-z0-9\\-._~+/]+=*', '$1 [REDACTED]'],
  // Only after an Authorization header name: "Basic" alone is an ordinary word.
  ['basic-auth-header', `(?i)(\\bauthorization["']?\\s*[:=]\\s*["']?Basic)\\s+[A-Za-z0-9+/]+=*`, '$1 [REDACTED]'],
  ['jwt', '\\beyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*', '[REDACTED:jwt]'],
  ['google-api-key', '\\bAIza[0-9A-Za-z_-]{35}', '[REDACTED:google-api-key]'],
  // Stripe, Cloudflare and Tailscale keys: secretlint's rules of those names (MIT), added to its preset after the
  // last release that supports Node 20 (12.0.0, the one we pin). A letter may not come right before the key.
  ['stripe-key', '(^|[^A-Za-z])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99}', '$1[REDACTED:stripe-key]'],
  ['cloudflare-token', '(^|[^A-Za-z])(?:cfk|cfut|cfat)_[A-Za-z0-9]{40}[0-9a-f]{8}', '$1[REDACTED:cloudflare-token]'],
  [
    'tailscale-key',
    '(^|[^A-Za-z])tskey-[a-z]{2,20}-[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}',
    '$1[REDACTED:tailscale-key]',
  ],
  ['url-password', '(?i)\\b([a-z][a-z0-9+.-]*://)([^\\s/:@]+):([^\\s/@]+)@', '$1$2:[REDACTED]@'],
  // key=value and "key": "value" with a secret-sounding key; a template's placeholder (`<*>`) is left as is.
  [
    'password',
    `(?i)\\b((?:password|passwd|pwd|secret|client_secret|api[_-]?key|access[_-]?token|auth[_-]?token|token)["']?\\s*[:=]\\s*["']?)[^\\s"',;&<][^\\s"',;&]*`,
    '$1[REDACTED]',
  ],
  ['email', '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}', '[REDACTED:email]'],
];

/** The rules, compiled once. */
export function builtInSecretRules(): SecretRule[] {
  return RULES.map(([name, source, replacement]) => ({
    pattern: compileUserPattern(source, `built-in redaction rule ${name}`),
    replacement,
  }));
}
