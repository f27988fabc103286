import { z } from 'zod';
import { InvalidInputError } from '../core/errors';

/** Where messages go: an incoming webhook, or a bot token and a channel. */
export type SlackTarget =
  | { readonly mode: 'webhook'; readonly url: string }
  | { readonly mode: 'bot'; readonly token: string; readonly channel: string };

const secretSchema = z.union([
  z.object({ webhookUrl: z.url() }).strict(),
  z.object({ token: z.string().startsWith('xox'), channel: z.string().min(1) }).strict(),
]);

/**
 * The Slack secret's value: a webhook URL as plain text, `{"webhookUrl": …}`, or `{"token": "xoxb-…",
 * "channel": "C…"}`. `channel` (from configuration) is used with a bare token.
 */
export function parseSlackSecret(value: string, secretId: string, channel?: string): SlackTarget {
  const text = value.trim();
  if (/^https?:\/\//.test(text)) return { mode: 'webhook', url: text };
  if (text.startsWith('xox')) {
    if (channel === undefined)
      throw new InvalidInputError(`Slack secret ${secretId}: a bare bot token needs a configured channel`);
    return { mode: 'bot', token: text, channel };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`Slack secret ${secretId}: neither a URL, a token nor JSON`, { cause: error });
  }
  const parsed = secretSchema.safeParse(json);
  // The value is a secret: the message names the problem, never the content.
  if (!parsed.success)
    throw new InvalidInputError(
      `Slack secret ${secretId}: expected {"webhookUrl"} or {"token","channel"} (${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ')})`,
    );
  return 'webhookUrl' in parsed.data
    ? { mode: 'webhook', url: parsed.data.webhookUrl }
    : { mode: 'bot', token: parsed.data.token, channel: parsed.data.channel };
}
