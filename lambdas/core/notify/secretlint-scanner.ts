import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';

/** Where a secret sits in a text, and which secretlint rule found it. */
export interface SecretRange {
  readonly start: number;
  readonly end: number;
  /** The rule's short name (`slack`, `github`, `privatekey`…). */
  readonly rule: string;
}

/** The part of secretlint's rule API (`@secretlint/types`) these rules use. */
interface RuleContext {
  report(descriptor: { readonly message: string; readonly range: readonly [number, number] }): void;
  createTranslator(messages: Record<string, { en: (props: Record<string, unknown>) => string }>): unknown;
  ignore(descriptor: unknown): void;
}
interface RuleCreator {
  readonly meta: { readonly id: string; readonly type?: string };
  create(context: RuleContext, options: Record<string, unknown>): { file?: (source: SourceText) => unknown };
}
interface SourceText {
  readonly content: string;
  readonly contentType: 'text';
  readonly ext: string;
}

/**
 * Rules left out: `filter-comments` honours `secretlint-disable` comments, which a log line must not be able
 * to use to smuggle a secret past the redactor.
 */
const SKIPPED_RULES = new Set(['@secretlint/secretlint-rule-filter-comments']);

/**
 * Options per rule. The AWS rule looks for access key ids (`AKIA…`) only when asked: in source files they
 * are often examples, in logs they are not.
 */
const RULE_OPTIONS: Readonly<Record<string, Record<string, unknown>>> = {
  '@secretlint/secretlint-rule-aws': { enableIDScanRule: true },
};

/**
 * A scanner running secretlint's recommended preset (`@secretlint/secretlint-rule-preset-recommend`: AWS,
 * GCP, private keys, npm, basic auth, Slack, GitHub, GitLab, OpenAI, Anthropic, … maintained by the
 * secretlint project) over a text, as secretlint itself runs a rule: `create(context)` once, then
 * `file(source)` per text. The text is given as plain text with no file name, so no rule reads a file.
 */
export function createSecretlintScanner(): (text: string) => SecretRange[] {
  let found: SecretRange[] = [];
  let current = '';
  const handlers = (presetRules as unknown as readonly RuleCreator[])
    .filter((rule) => !SKIPPED_RULES.has(rule.meta.id))
    .map((rule) => {
      const name = rule.meta.id.replace('@secretlint/secretlint-rule-', '');
      const context: RuleContext = {
        report: ({ range }) => found.push({ start: range[0], end: extendOverSecret(current, range[1]), rule: name }),
        createTranslator:
          (messages) =>
          (id: string, props: Record<string, unknown> = {}) =>
            messages[id]?.en(props) ?? id,
        ignore: () => undefined,
      };
      return rule.create(context, RULE_OPTIONS[rule.meta.id] ?? {});
    });
  return (text) => {
    found = [];
    current = text;
    const source: SourceText = { content: text, contentType: 'text', ext: '' };
    for (const handler of handlers) handler.file?.(source);
    return found;
  };
}

const SECRET_CHAR = /[A-Za-z0-9/+=_-]/;

/**
 * The end of a reported range, moved past any key characters right after it. Some rules report a range
 * shorter than the secret (the AWS secret key rule measures the key but starts at the variable name), and
 * redacting half a key would leak the other half.
 */
function extendOverSecret(text: string, end: number): number {
  let index = end;
  while (index < text.length && SECRET_CHAR.test(text.charAt(index))) index++;
  return index;
}
