import { z } from 'zod';
import { InvalidInputError } from '../core/errors';

/** Where messages go: an incoming webhook, or a bot token and a channel. */
export type SlackTarget =
  | { readonly mode: 'webhook'; readonly url: string }
  | { readonly mode: 'bot'; readonly token: string; readonly channel: string };

/** Hosts a webhook may use plain HTTP with: a local stand-in never leaves the machine. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A webhook URL that `fetch` can use: WHATWG-parsable, HTTPS (HTTP only on loopback), no user or password.
 * Each message says what is wrong and never quotes the value, which is itself the credential.
 */
const webhookUrl = z.string().superRefine((text, ctx) => {
  // The URL parser drops tabs and line breaks silently: two pasted URLs would become one odd one.
  if (/\s/.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'the webhook URL contains white space or a line break' });
    return;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'the webhook URL does not parse as a URL' });
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
    ctx.addIssue({ code: 'custom', message: 'the webhook URL must use https' });
  if (url.username !== '' || url.password !== '')
    ctx.addIssue({ code: 'custom', message: 'the webhook URL must not hold a user or password' });
});

/** A bot token: `xox…`, one word (no white space or line break pasted with it). */
const botToken = z
  .string()
  .startsWith('xox', 'the token must start with xox')
  .regex(/^\S+$/, 'the token must not contain white space');

const secretSchema = z.union([
  z.strictObject({ webhookUrl }),
  z.strictObject({ token: botToken, channel: z.string().min(1, 'the channel cannot be empty') }),
]);

/**
 * The Slack secret's value: a webhook URL as plain text, `{"webhookUrl": …}`, or `{"token": "xoxb-…",
 * "channel": "C…"}`. `channel` (from configuration) is used with a bare token. Every form is validated
 * here, when the secret is loaded, so a malformed value fails once with a message naming the secret id and
 * the problem, never its content, instead of reaching `fetch` (whose error quotes the URL) and its retries.
 */
export function parseSlackSecret(value: string, secretId: string, channel?: string): SlackTarget {
  const text = value.trim();
  if (/^https?:/i.test(text)) return { mode: 'webhook', url: checked(webhookUrl, text, secretId) };
  if (text.startsWith('xox')) {
    if (channel === undefined)
      throw new InvalidInputError(`Slack secret ${secretId}: a bare bot token needs a configured channel`);
    return { mode: 'bot', token: checked(botToken, text, secretId), channel };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the text: it is not kept as the cause.
    throw new InvalidInputError(`Slack secret ${secretId}: neither a URL, a token nor JSON`);
  }
  const data = checked(secretSchema, json, secretId);
  return 'webhookUrl' in data
    ? { mode: 'webhook', url: data.webhookUrl }
    : { mode: 'bot', token: data.token, channel: data.channel };
}

/** `value` parsed by `schema`, or an error listing the problems (paths and messages, no values). */
function checked<T>(schema: z.ZodType<T>, value: unknown, secretId: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.join('.');
    // Union and type issues carry zod's generic message; custom ones say what is wrong.
    const message =
      issue.code === 'custom' || issue.code === 'invalid_format'
        ? issue.message
        : issue.code === 'invalid_union'
          ? 'the keys match neither form'
          : issue.code;
    return path === '' ? message : `${path}: ${message}`;
  });
  throw new InvalidInputError(
    `Slack secret ${secretId}: expected a webhook URL, {"webhookUrl"} or {"token","channel"}; ${problems.join('; ')}`,
  );
}
