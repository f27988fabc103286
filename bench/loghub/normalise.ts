/**
 * Puts a template into the comparable form the loghub-2.0 evaluation uses before it compares
 * a parser's template with the ground truth:
 * - every typed mask (`<NUM>`, `<IP>`, …) and Drain's `<*>` is a plain `<*>`;
 * - a `<*>` that stands for nothing in the line it describes is dropped ("align with null
 *   values"), so a parser is not punished for a variable that happened to be empty;
 * - variables separated only by `.`, `:`, a space or nothing collapse into one `<*>`
 *   (`correct_template_general`: DV and CV rules), because where one parser sees
 *   `<*>:<*>` another sees `<*>`;
 * - white space runs become one space, ends trimmed.
 * Both sides go through the same function, so the comparison is symmetric.
 */

/** `<*>` or an upper-case mask name such as `<NUM>` or `<ORDER_ID>`. */
const MASK = /<(?:\*|[A-Z][A-Z0-9_]*)>/g;
const WILDCARD = '<*>';

/** Replaces typed masks with `<*>`. */
export function masksToWildcards(template: string): string {
  return template.replace(MASK, WILDCARD);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function templateRegExp(template: string): RegExp {
  const pattern = template
    .split(WILDCARD)
    .map((part) => escapeRegExp(part).replace(/\s+/g, '\\s+'))
    .join('(.*?)');
  return new RegExp(`^\\s*${pattern}\\s*$`, 'sd');
}

/**
 * Matches a `<*>` template against the line it describes; white space in the template matches
 * any white space run, since miners re-join tokens with single spaces. Returns where each
 * variable value starts and ends, or undefined when the template does not describe the line.
 */
export function matchTemplateSpans(template: string, line: string): [number, number][] | undefined {
  const match = templateRegExp(template).exec(line);
  if (!match?.indices) return undefined;
  return match.indices.slice(1).map((span): [number, number] => (span ? [span[0], span[1]] : [0, 0]));
}

/** Like `matchTemplateSpans`, returning the variable values. */
export function matchTemplate(template: string, line: string): string[] | undefined {
  return matchTemplateSpans(template, line)?.map(([start, end]) => line.slice(start, end));
}

/** Drops each `<*>` that matched the empty string in `line` (loghub-2.0 `align_with_null_values`). */
export function alignWithNullValues(template: string, line: string): string {
  const values = matchTemplate(template, line);
  if (values === undefined || !values.includes('')) return template;
  const parts = template.split(WILDCARD);
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) {
    out += (values[i - 1] === '' ? '' : WILDCARD) + (parts[i] ?? '');
  }
  return out;
}

/** loghub-2.0 `correct_template_general`: `<*>.<*>`, `<*><*>`, `<*>:<*>` and `<*> <*>` become `<*>`. */
export function collapseWildcards(template: string): string {
  let current = template;
  for (;;) {
    const next = current.replaceAll('<*>.<*>', WILDCARD);
    if (next === current) break;
    current = next;
  }
  for (;;) {
    const next = current.replaceAll('<*><*>', WILDCARD).replaceAll('<*>:<*>', WILDCARD).replaceAll('<*> <*>', WILDCARD);
    if (next === current) break;
    current = next;
  }
  return current;
}

export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The comparable form of `template`. `line` is the message the template was assigned to; give it
 * so that empty variables are dropped as loghub-2.0 does.
 */
export function normaliseTemplate(template: string, line?: string): string {
  let result = masksToWildcards(template);
  if (line !== undefined) result = alignWithNullValues(result, line);
  return collapseWildcards(normaliseWhitespace(result));
}
