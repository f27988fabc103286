import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Redactor, WithdrawalReason } from '../core/notify';
import type { Announcement, VerdictNotifier, VerdictNotifyResult } from '../notify';
import { type IncidentStore, type StoredIncident, WITHDRAWAL_PUBLISHED, WITHDRAWN } from './incident-store';
import { publishVerdict, publishWithdrawal } from './verdict-publisher';

export interface IncidentAnnouncerOptions {
  readonly incidents: IncidentStore;
  readonly eventBridge: EventBridgeClient;
  readonly eventBusName: string;
  readonly redact: Redactor;
  /** Slack and the state machine (lambdas/notify createVerdictNotifier). @default - nothing notified */
  readonly notify?: VerdictNotifier | undefined;
  readonly logger: Logger;
  readonly metrics?: Metrics | undefined;
}

/** What the notifier did about Slack (absent when it did not run or has no Slack part). */
export type SlackStatus = 'posted' | 'updated' | 'skipped' | 'failed';

/**
 * Announces what the incidents table says about an incident, once: its verdict when it changed, and its
 * withdrawal when a verdict of it had been announced. Both use the item's own records of what was said, so a
 * redelivered message finishes an interrupted announcement without repeating a finished one: `publishedKey` for
 * the bus (set after PutEvents succeeds, conditionally on the incident still being in the state announced) and the
 * Slack record for Slack (stored only if unchanged since it was read).
 */
export class IncidentAnnouncer {
  constructor(private readonly o: IncidentAnnouncerOptions) {}

  /** Publishes the stored verdict when its key differs from the last one published; whether it did. */
  async publishVerdict(stored: StoredIncident): Promise<boolean> {
    if (stored.supersededBy !== undefined || stored.publishedKey === stored.verdictKey) return false;
    await publishVerdict(this.o.eventBridge, this.o.eventBusName, stored.verdict, stored.supersedes, this.o.redact);
    await this.o.incidents.markPublished(stored.verdict.start, stored.verdict.incidentId, stored.verdictKey);
    this.o.metrics?.addMetric('VerdictsPublished', MetricUnit.Count, 1);
    this.o.logger.info('verdict published', { incidentId: stored.verdict.incidentId, blamed: stored.verdict.blamed });
    return true;
  }

  /**
   * Publishes the withdrawal of a withdrawn incident whose verdict was published and whose withdrawal was not; an
   * incident never announced is withdrawn in silence. Whether it published.
   */
  async publishWithdrawal(stored: StoredIncident, reason: WithdrawalReason): Promise<boolean> {
    if (
      stored.supersededBy !== WITHDRAWN ||
      stored.publishedKey === undefined ||
      stored.publishedKey === WITHDRAWAL_PUBLISHED
    )
      return false;
    await publishWithdrawal(this.o.eventBridge, this.o.eventBusName, stored.verdict, reason, this.o.redact);
    await this.o.incidents.markWithdrawalPublished(stored.verdict.start, stored.verdict.incidentId);
    this.o.metrics?.addMetric('WithdrawalsPublished', MetricUnit.Count, 1);
    this.o.logger.info('withdrawal published', { incidentId: stored.verdict.incidentId, reason });
    return true;
  }

  /**
   * Slack and the state machine for the incident's current verdict. Runs on every delivery, redeliveries
   * included: the notifier decides from the stored Slack record whether anything is worth a message (an
   * unchanged verdict is not) and the execution name dedupes the trigger, so a retry finishes an interrupted
   * notification without repeating a finished one. Slack and Step Functions failures are logged, never thrown.
   */
  async notifyVerdict(stored: StoredIncident): Promise<SlackStatus | undefined> {
    if (stored.supersededBy !== undefined) return undefined;
    return this.notify(stored, { kind: 'verdict' });
  }

  /** Slack for a withdrawn incident: the notifier retracts the verdict where a message of it was sent, once. */
  async notifyWithdrawal(stored: StoredIncident, reason: WithdrawalReason): Promise<SlackStatus | undefined> {
    if (stored.supersededBy !== WITHDRAWN) return undefined;
    return this.notify(stored, { kind: 'withdrawal', reason });
  }

  private async notify(stored: StoredIncident, announcement: Announcement): Promise<SlackStatus | undefined> {
    if (this.o.notify === undefined) return undefined;
    const incidentId = stored.verdict.incidentId;
    let result: VerdictNotifyResult;
    try {
      result = await this.o.notify(stored.verdict, stored.slack, announcement);
    } catch (error) {
      this.o.logger.error(`${announcement.kind} notification failed`, { incidentId, error });
      return 'failed';
    }
    const slack = result.slack;
    if (slack === undefined) return undefined;
    if (slack.status === 'posted' || slack.status === 'updated') {
      this.o.metrics?.addMetric(slack.status === 'posted' ? 'SlackPosted' : 'SlackUpdated', MetricUnit.Count, 1);
      const kept = await this.o.incidents.markNotified(stored.verdict.start, incidentId, stored.slack, slack.record);
      if (!kept)
        this.o.logger.warn('Slack record not stored: another invocation notified the incident meanwhile', {
          incidentId,
        });
    } else if (slack.status === 'failed') {
      this.o.metrics?.addMetric('SlackFailed', MetricUnit.Count, 1);
    }
    return slack.status;
  }
}
