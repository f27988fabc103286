/** The Block Kit subset Culprit sends (https://api.slack.com/reference/block-kit/blocks). */
export interface TextObject {
  readonly type: 'mrkdwn' | 'plain_text';
  readonly text: string;
}

export interface ButtonElement {
  readonly type: 'button';
  readonly text: TextObject & { readonly type: 'plain_text' };
  readonly url: string;
  readonly action_id: string;
}

export type SlackBlock =
  | { readonly type: 'header'; readonly text: TextObject & { readonly type: 'plain_text' } }
  | { readonly type: 'section'; readonly text: TextObject }
  | { readonly type: 'context'; readonly elements: TextObject[] }
  | { readonly type: 'actions'; readonly elements: ButtonElement[] }
  | { readonly type: 'divider' };

/** A message body for a webhook, chat.postMessage or chat.update: blocks plus the notification fallback text. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: SlackBlock[];
}
