import type { Verdict } from '../pipeline';
import { formatClock, formatPercent } from '../rank';
import { redactDeep, type Redactor } from './redact';
import { anomalyLine, clip, deployLabel, escapeMrkdwn, SLACK_MESSAGE_DEFAULTS } from './slack-message';
import type { SlackBlock, SlackMessage } from './slack-types';
import { withdrawalExplanation, type WithdrawalReason } from './withdrawal-event';

/**
 * The Block Kit message retracting an announced verdict: the headline says the (early) verdict on the deploy or
 * incident is withdrawn, then why (the reason's sentence), what the verdict had said (the deploy it blamed and
 * at what confidence, the incident), and the anomalies that faded. In bot mode it replaces the verdict's message
 * and is also the thread reply, so a channel never keeps showing a blame Culprit dropped. Every string is
 * redacted before it is placed.
 */
export function buildWithdrawalMessage(verdict: Verdict, reason: WithdrawalReason, redact: Redactor): SlackMessage {
  const v = redactDeep(verdict, redact);
  const blamed = v.suspects.find((s) => s.deployId === v.blamed);
  const what = v.provisional ? 'early verdict' : 'verdict';
  const on = blamed === undefined ? `the incident in ${v.services.join(', ')}` : deployLabel(blamed);
  const title = `Withdrawn: ${what} on ${on}`;
  const section = (text: string): SlackBlock => ({
    type: 'section',
    text: { type: 'mrkdwn', text: clip(text, SLACK_MESSAGE_DEFAULTS.sectionChars) },
  });
  const said =
    blamed === undefined
      ? `*It said* no deploy explains the incident (no deploy: ${formatPercent(v.unexplained)})`
      : `*It blamed* \`${escapeMrkdwn(blamed.service)}\`${blamed.version === undefined ? '' : ` version \`${escapeMrkdwn(blamed.version)}\``} deployed at ${formatClock(blamed.timestamp)} (${formatPercent(blamed.confidence)}); that deploy is blamed no more`;
  const incident = `*Incident* \`${escapeMrkdwn(v.incidentId)}\` · ${escapeMrkdwn(v.services.join(', '))} · onset ${formatClock(v.start)} · withdrawn`;
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(`Culprit: ${title}`, SLACK_MESSAGE_DEFAULTS.headerChars) },
    },
    section(escapeMrkdwn(withdrawalExplanation(reason, v.provisional))),
    section([said, incident].join('\n')),
  ];
  if (v.anomalies.length > 0)
    blocks.push(
      section(`*What faded*\n${v.anomalies.slice(0, SLACK_MESSAGE_DEFAULTS.anomalies).map(anomalyLine).join('\n')}`),
    );
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Culprit withdrawal for \`${escapeMrkdwn(v.incidentId)}\`` }],
  });
  return { text: `Culprit: ${title}`, blocks };
}
