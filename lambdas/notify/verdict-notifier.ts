import type { WithdrawalReason } from '../core/notify';
import type { Verdict } from '../core/pipeline';
import type { ExecutionTrigger, TriggerResult } from './execution-trigger';
import type { SlackNotifier, SlackNotifyResult, SlackRecord } from './slack-notifier';

export interface VerdictNotifierParts {
  /** @default - no Slack */
  readonly slack?: SlackNotifier;
  /** @default - no state machine */
  readonly trigger?: ExecutionTrigger;
}

export interface VerdictNotifyResult {
  readonly slack?: SlackNotifyResult;
  readonly trigger?: TriggerResult;
}

/**
 * What to announce about an incident: its current verdict, or that the verdict is withdrawn and why.
 * @default { kind: 'verdict' }
 */
export type Announcement =
  | { readonly kind: 'verdict' }
  | { readonly kind: 'withdrawal'; readonly reason: WithdrawalReason };

/** The notifier rank calls with an incident's stored verdict and Slack record. */
export type VerdictNotifier = (
  verdict: Verdict,
  previous: SlackRecord | undefined,
  announcement?: Announcement,
) => Promise<VerdictNotifyResult>;

/**
 * Everything a stored verdict sets off, for the rank handler to call after saving it. Both parts return
 * failures as values, so this never throws into the batch; store `result.slack.record` (when present)
 * with the incident and pass it back as `previous` next time. A withdrawal goes to Slack only: the state
 * machine is started for confident blames and is not stopped or started again when one is withdrawn (a
 * half-stopped rollback is worse than a finished one; docs/integrations.md says how a machine can wait instead).
 */
export function createVerdictNotifier(parts: VerdictNotifierParts): VerdictNotifier {
  return async (verdict, previous, announcement = { kind: 'verdict' }) => {
    if (announcement.kind === 'withdrawal') {
      const slack = await parts.slack?.withdraw(verdict, previous, announcement.reason);
      return slack === undefined ? {} : { slack };
    }
    const [slack, trigger] = await Promise.all([
      parts.slack?.notify(verdict, previous),
      parts.trigger?.trigger(verdict),
    ]);
    return { ...(slack === undefined ? {} : { slack }), ...(trigger === undefined ? {} : { trigger }) };
  };
}
