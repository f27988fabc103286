import type { Logger } from '@aws-lambda-powertools/logger';
import {
  buildDetailsReply,
  buildSlackMessage,
  buildWithdrawalMessage,
  notifiedStateOf,
  shouldNotify,
  type NotifiedState,
  type SlackMessage,
  type SlackMessageContext,
  type WithdrawalReason,
} from '../core/notify';
import type { Verdict } from '../core/pipeline';
import type { SecretCache } from './secret-cache';
import type { SlackCallResult, SlackHttp } from './slack-http';
import { parseSlackSecret, type SlackTarget } from './slack-secret';

/** What was last sent about an incident; the caller stores it with the incident and passes it back next time. */
export interface SlackRecord {
  readonly notified: NotifiedState;
  /** The message to update (bot mode only: webhooks cannot edit). */
  readonly thread?: { readonly channel: string; readonly ts: string };
}

export type SlackNotifyResult =
  | { readonly status: 'posted' | 'updated'; readonly reason: string; readonly record: SlackRecord }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string; readonly error: string };

export interface SlackNotifierProps {
  readonly secrets: SecretCache;
  /** Secret holding the webhook URL or the bot token (see parseSlackSecret). */
  readonly secretId: string;
  /** Channel for a bare bot token. @default - the secret names it */
  readonly channel?: string;
  readonly http: SlackHttp;
  readonly message: SlackMessageContext;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/**
 * Slack side of a verdict: one message per incident (chat.postMessage, or a webhook post), the same
 * message updated in place (chat.update) when the verdict changes materially, and the details as thread
 * replies. Never throws: a failure is logged and returned, so one bad call does not fail the caller's batch.
 */
export class SlackNotifier {
  private target: SlackTarget | undefined;

  constructor(private readonly props: SlackNotifierProps) {}

  async notify(verdict: Verdict, previous: SlackRecord | undefined): Promise<SlackNotifyResult> {
    const next = notifiedStateOf(verdict);
    const decision = shouldNotify(previous?.notified, next);
    if (decision.action === 'skip') return { status: 'skipped', reason: decision.reason };
    try {
      const target = await this.resolveTarget();
      const message = buildSlackMessage(verdict, this.props.message);
      const result =
        target.mode === 'webhook'
          ? await this.viaWebhook(target.url, message, next, decision.action)
          : await this.viaBot(target, verdict.incidentId, message, next, previous?.thread, decision.action, () =>
              buildDetailsReply(verdict, this.props.message.redact),
            );
      if (result.status === 'failed')
        this.props.logger.error('Slack notification failed', {
          incidentId: verdict.incidentId,
          reason: decision.reason,
          error: result.error,
        });
      else
        this.props.logger.info('Slack notified', {
          incidentId: verdict.incidentId,
          status: result.status,
          reason: decision.reason,
        });
      return result.status === 'failed' ? result : { ...result, reason: decision.reason };
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.props.logger.error('Slack notification failed', { incidentId: verdict.incidentId, error: text });
      return { status: 'failed', reason: decision.reason, error: text };
    }
  }

  /**
   * Retracts the incident's verdict where it was announced: nothing when Slack was never told about the incident
   * (no `previous`) or was already told it is withdrawn; otherwise, in bot mode, the verdict's message is replaced
   * by the withdrawal (so the channel stops showing the blame) and the withdrawal is replied in its thread (which
   * notifies the thread's followers, as an edit does not); a webhook posts it as a new message. The record
   * returned says `withdrawn`, so a retry does not repeat it and a verdict for the incident again is posted anew.
   */
  async withdraw(
    verdict: Verdict,
    previous: SlackRecord | undefined,
    reason: WithdrawalReason,
  ): Promise<SlackNotifyResult> {
    if (previous === undefined) return { status: 'skipped', reason: 'no verdict of the incident was sent to Slack' };
    if (previous.notified.withdrawn === true) return { status: 'skipped', reason: 'the withdrawal was sent already' };
    const notified: NotifiedState = { ...previous.notified, withdrawn: true };
    try {
      const target = await this.resolveTarget();
      const message = buildWithdrawalMessage(verdict, reason, this.props.message.redact);
      const result =
        target.mode === 'webhook'
          ? await this.viaWebhook(target.url, message, notified, 'update')
          : // Replied in the thread only when the verdict's message was replaced: a new message needs no echo.
            await this.viaBot(target, verdict.incidentId, message, notified, previous.thread, 'update', (status) =>
              status === 'updated' ? message : undefined,
            );
      if (result.status === 'failed') {
        this.props.logger.error('Slack withdrawal failed', { incidentId: verdict.incidentId, error: result.error });
        return result;
      }
      this.props.logger.info('Slack told of the withdrawal', { incidentId: verdict.incidentId, status: result.status });
      return { ...result, reason: 'verdict withdrawn' };
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.props.logger.error('Slack withdrawal failed', { incidentId: verdict.incidentId, error: text });
      return { status: 'failed', reason: 'withdraw', error: text };
    }
  }

  private async resolveTarget(): Promise<SlackTarget> {
    if (this.target === undefined) {
      const value = await this.props.secrets.get(this.props.secretId);
      this.target = parseSlackSecret(value, this.props.secretId, this.props.channel);
    }
    return this.target;
  }

  private async viaWebhook(
    url: string,
    message: SlackMessage,
    next: NotifiedState,
    action: 'post' | 'update',
  ): Promise<SlackNotifyResult | { status: 'posted' | 'updated'; record: SlackRecord }> {
    // A webhook cannot edit: a material change is a new message (still one per change, not per verdict).
    const sent = await this.props.http.postWebhook(url, message);
    if (!sent.ok) return failed(sent, action);
    return { status: action === 'post' ? 'posted' : 'updated', record: { notified: next } };
  }

  /**
   * `message` in place of the one in `thread` (posted anew when there is none or it was deleted), then the reply
   * `replyFor` gives for what happened, if any, in its thread.
   */
  private async viaBot(
    target: Extract<SlackTarget, { mode: 'bot' }>,
    incidentId: string,
    message: SlackMessage,
    next: NotifiedState,
    thread: SlackRecord['thread'],
    action: 'post' | 'update',
    replyFor: (status: 'posted' | 'updated') => SlackMessage | undefined,
  ): Promise<SlackNotifyResult | { status: 'posted' | 'updated'; record: SlackRecord }> {
    const { http } = this.props;
    let status: 'posted' | 'updated' = 'posted';
    let where = thread;
    if (where !== undefined) {
      const updated = await http.callApi('chat.update', target.token, {
        channel: where.channel,
        ts: where.ts,
        text: message.text,
        blocks: message.blocks,
      });
      if (updated.ok) status = 'updated';
      // A deleted message is posted again; any other failure is final for this verdict.
      else if (updated.error === 'message_not_found') where = undefined;
      else return failed(updated, 'update');
    }
    if (where === undefined) {
      const posted = await http.callApi('chat.postMessage', target.token, {
        channel: target.channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!posted.ok || posted.ts === undefined) return failed(posted, action);
      where = { channel: posted.channel ?? target.channel, ts: posted.ts };
    }
    const details = replyFor(status);
    if (details === undefined) return { status, record: { notified: next, thread: where } };
    const reply = await http.callApi('chat.postMessage', target.token, {
      channel: where.channel,
      thread_ts: where.ts,
      text: details.text,
      blocks: details.blocks,
      unfurl_links: false,
    });
    // The main message went out; a lost thread reply is worth a warning, not a failure.
    if (!reply.ok) this.props.logger.warn('Slack thread reply failed', { incidentId, error: reply.error });
    return { status, record: { notified: next, thread: where } };
  }
}

function failed(result: SlackCallResult, action: string): SlackNotifyResult {
  const error = result.ok
    ? 'Slack answered without a message ts'
    : `${result.error}${result.status === undefined ? '' : ` (HTTP ${result.status})`} after ${result.attempts} attempt(s)`;
  return { status: 'failed', reason: action, error };
}
