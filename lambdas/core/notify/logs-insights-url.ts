/** A Logs Insights query a person can open in the console. */
export interface LogsInsightsLink {
  readonly region: string;
  readonly logGroups: readonly string[];
  /** Epoch ms. */
  readonly start: number;
  /** Epoch ms. */
  readonly end: number;
  readonly query: string;
}

/** Most lines the linked query returns. @default 200 */
export const INSIGHTS_QUERY_LIMIT = 200;

/** `<*>` and the miner's other `<…>` masks stand for any text. */
const PLACEHOLDER = /<[^<>\s]*>/;

/**
 * A regular expression (Logs Insights `/…/` syntax) matching the lines of one template: the literal parts
 * escaped, placeholders as `.*`, runs of whitespace as `\s+` (the miner splits on any whitespace).
 */
export function templateRegex(template: string): string {
  return template
    .trim()
    .split(/\s+/)
    .map((token) =>
      token
        .split(PLACEHOLDER)
        .map((literal) => literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
        .join('.*'),
    )
    .join('\\s+');
}

/** `fields … | filter @message like /a/ or @message like /b/ | sort … | limit …` for the given templates. */
export function templatesQuery(templates: readonly string[], limit = INSIGHTS_QUERY_LIMIT): string {
  const filters = [...new Set(templates)].map((t) => `@message like /${templateRegex(t)}/`);
  return [
    'fields @timestamp, @logStream, @message',
    ...(filters.length === 0 ? [] : [`| filter ${filters.join(' or ')}`]),
    '| sort @timestamp desc',
    `| limit ${limit}`,
  ].join('\n');
}

/** A primitive as the console writes it: every byte but letters, digits, `-` and `.` as `*XX`. */
function consoleValue(text: string): string {
  let out = '';
  for (const char of text) {
    if (/[A-Za-z0-9.-]/.test(char)) out += char;
    else
      for (const byte of new TextEncoder().encode(char)) out += `*${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The CloudWatch console URL of a Logs Insights query. The console keeps the query in the URL fragment in
 * its own encoding: an object written as `~(key~'value~…)` with values byte-escaped as `*XX`; that text
 * escaped once more (`~` `(` `)` `'` as `%7E` `%28` `%29` `%27`), prefixed with `?queryDetail=`,
 * URI-encoded and every `%` written as `$`.
 */
export function logsInsightsUrl(link: LogsInsightsLink): string {
  const str = (value: string): string => `'${consoleValue(value)}`;
  const detail =
    `~(end~${str(new Date(link.end).toISOString())}` +
    `~start~${str(new Date(link.start).toISOString())}` +
    `~timeType~${str('ABSOLUTE')}~tz~${str('UTC')}` +
    `~editorString~${str(link.query)}` +
    `~source~(${link.logGroups.map((g) => `~${str(g)}`).join('')}))`;
  const escaped = detail.replace(/[~()']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const fragment = encodeURIComponent(`?queryDetail=${escaped}`).replace(/%/g, '$');
  const region = encodeURIComponent(link.region);
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:logs-insights${fragment}`;
}

/** Reverses {@link logsInsightsUrl}'s fragment: the `queryDetail` text with values decoded (for tests and debugging). */
export function decodeInsightsFragment(url: string): string {
  const hash = url.slice(url.indexOf('#logsV2:logs-insights') + '#logsV2:logs-insights'.length);
  const once = decodeURIComponent(hash.replace(/\$/g, '%'));
  return decodeURIComponent(
    once
      .replace(/%(7E|28|29|27)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/\*([0-9A-F]{2})/g, '%$1'),
  );
}
