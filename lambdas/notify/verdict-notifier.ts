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
 * Everything a stored verdict sets off, for the rank handler to call after saving it. Both parts return
 * failures as values, so this never throws into the batch; store `result.slack.record` (when present)
 * with the incident and pass it back as `previous` next time.
 */
export function createVerdictNotifier(
  parts: VerdictNotifierParts,
): (verdict: Verdict, previous: SlackRecord | undefined) => Promise<VerdictNotifyResult> {
  return async (verdict, previous) => {
    const [slack, trigger] = await Promise.all([
      parts.slack?.notify(verdict, previous),
      parts.trigger?.trigger(verdict),
    ]);
    return { ...(slack === undefined ? {} : { slack }), ...(trigger === undefined ? {} : { trigger }) };
  };
}
