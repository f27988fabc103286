import type { Suspect } from '../analysis';
import { ciRunUrl, commitUrl, type DeployLinkTemplates } from '../deploys/deploy-links';
import type { Verdict, VerdictAnomaly } from '../pipeline';
import { formatClock, formatDuration, formatPercent } from '../rank';
import { logsInsightsUrl, templatesQuery } from './logs-insights-url';
import { redactDeep, type Redactor } from './redact';
import { isResolved } from './should-notify';
import type { ButtonElement, SlackBlock, SlackMessage } from './slack-types';

/** What a message needs besides the verdict. */
export interface SlackMessageContext {
  /** Region of the log groups, for the console link. */
  readonly region: string;
  /** The log groups of a service (for the Logs Insights link); empty when unknown. */
  readonly logGroupsOf: (service: string) => readonly string[];
  readonly redact: Redactor;
  /** URL templates for the blamed deploy's CI run and commit (the `links` setting); none by default. */
  readonly links?: DeployLinkTemplates | undefined;
}

/** How much a message shows. Every default declared once. */
export const SLACK_MESSAGE_DEFAULTS = {
  /** Evidence sentences of the blamed deploy in the message. @default 3 */
  evidence: 3,
  /** Anomalies listed under "what changed". @default 5 */
  anomalies: 5,
  /** Other suspects listed. @default 3 */
  runnersUp: 3,
  /** Slack's limits: header text 150, section text 3000, button URL 3000 characters. */
  headerChars: 150,
  sectionChars: 3000,
  urlChars: 3000,
  /** Added before and after the incident in the Logs Insights link, so the lines around it show too. @default 300000 */
  logsPaddingMs: 300_000,
} as const;

/** `&`, `<` and `>` are control characters in mrkdwn (templates are full of `<*>`). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `text` cut to `max` characters, an ellipsis marking the cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A deploy as a message names it: service, version and short commit. */
export function deployLabel(s: Suspect): string {
  return [s.service, s.version, s.commit === undefined ? undefined : s.commit.slice(0, 12)]
    .filter((p) => p !== undefined && p !== '')
    .join(' ');
}

const KIND_WORDS: Record<VerdictAnomaly['kind'], string> = {
  new: 'appeared',
  spike: 'spiked',
  drop: 'went silent',
  'error-surge': 'error surge',
};

/** One anomaly as a bullet line: service, what happened, the template, and the counts before and after. */
export function anomalyLine(a: VerdictAnomaly): string {
  // Lines in the compare window before and after the change; verdicts stored before these were kept show the rates' stand-ins.
  const counts =
    a.countBefore !== undefined && a.countAfter !== undefined
      ? `${a.countBefore} lines before → ${a.countAfter} after`
      : `${Math.round(a.expected)} → ${Math.round(a.observed)} lines`;
  return `• \`${escapeMrkdwn(a.service)}\` ${KIND_WORDS[a.kind]}${a.error ? ' (error)' : ''}: \`${escapeMrkdwn(clip(a.template.replace(/\s+/g, ' '), 160))}\` — ${counts}`;
}

/** An early verdict still going on: a resolved incident's verdict is what it is. */
const isProvisional = (v: Verdict): boolean => v.provisional && !isResolved(v);

function headline(v: Verdict, blamed: Suspect | undefined): string {
  const status = isResolved(v) ? 'Resolved: ' : isProvisional(v) ? 'Early verdict: ' : '';
  if (blamed === undefined && v.nature === 'behaviour-change')
    return `${status}Behaviour change in ${v.services.join(', ')} — not a fault, no deploy blamed`;
  if (blamed === undefined) return `${status}Incident in ${v.services.join(', ')} — no deploy explains it`;
  return `${status}${deployLabel(blamed)} is the likely cause (${formatPercent(blamed.confidence)})`;
}

function blamedSection(v: Verdict, blamed: Suspect | undefined): string {
  const nature = v.nature === 'behaviour-change' ? 'behaviour change' : 'fault';
  const verdict = isProvisional(v) ? 'provisional verdict (early evidence, may change)' : 'firm verdict';
  const incident = `*Incident* \`${escapeMrkdwn(v.incidentId)}\` · ${nature} · severity ${v.severity} · ${escapeMrkdwn(v.services.join(', '))} · onset ${formatClock(v.start)} · ${isResolved(v) ? 'resolved' : 'ongoing'} · ${verdict}`;
  if (blamed === undefined) {
    const why = v.unexplainedEvidence.slice(0, SLACK_MESSAGE_DEFAULTS.evidence).map((e) => `• ${escapeMrkdwn(e)}`);
    return [
      `*No deploy reaches the blame threshold* (no deploy: ${formatPercent(v.unexplained)})`,
      incident,
      ...why,
    ].join('\n');
  }
  const parts = [
    `*Blamed deploy* \`${escapeMrkdwn(blamed.service)}\``,
    blamed.version === undefined ? undefined : `version \`${escapeMrkdwn(blamed.version)}\``,
    blamed.commit === undefined ? undefined : `commit \`${escapeMrkdwn(blamed.commit.slice(0, 12))}\``,
    blamed.author === undefined ? undefined : `by ${escapeMrkdwn(blamed.author)}`,
    `at ${formatClock(blamed.timestamp)}`,
  ].filter((p): p is string => p !== undefined);
  const lag =
    blamed.lagMs === null
      ? 'no anomaly in its service after it'
      : `${formatDuration(blamed.lagMs)} from deploy to onset`;
  return [parts.join(' · '), `*Confidence* ${formatPercent(blamed.confidence)} · *Lag* ${lag}`, incident].join('\n');
}

function links(v: Verdict, blamed: Suspect | undefined, ctx: SlackMessageContext): ButtonElement[] {
  const buttons: ButtonElement[] = [];
  const linked = blamed === undefined ? undefined : { ...blamed, id: blamed.deployId };
  const deployLinks: [string, string, string | undefined][] =
    linked === undefined
      ? []
      : [
          ['Open deploy', 'culprit-open-deploy', ciRunUrl(linked, ctx.links ?? {})],
          ['Open commit', 'culprit-open-commit', commitUrl(linked, ctx.links ?? {})],
        ];
  for (const [text, actionId, url] of deployLinks) {
    if (url === undefined || url.length > SLACK_MESSAGE_DEFAULTS.urlChars) continue;
    buttons.push({ type: 'button', text: { type: 'plain_text', text }, url, action_id: actionId });
  }
  const groups = [...new Set(v.services.flatMap((s) => ctx.logGroupsOf(s)))];
  const shown = v.anomalies.slice(0, SLACK_MESSAGE_DEFAULTS.anomalies);
  if (groups.length > 0 && shown.length > 0) {
    // Fewer templates until the URL fits Slack's limit (each template is a regex in the query).
    for (let n = shown.length; n > 0; n--) {
      const url = logsInsightsUrl({
        region: ctx.region,
        logGroups: groups,
        start: v.start - SLACK_MESSAGE_DEFAULTS.logsPaddingMs,
        end: v.end + SLACK_MESSAGE_DEFAULTS.logsPaddingMs,
        query: templatesQuery(shown.slice(0, n).map((a) => a.template)),
      });
      if (url.length <= SLACK_MESSAGE_DEFAULTS.urlChars) {
        buttons.push({
          type: 'button',
          text: { type: 'plain_text', text: 'Logs Insights' },
          url,
          action_id: 'culprit-logs-insights',
        });
        break;
      }
    }
  }
  return buttons;
}

/**
 * The Block Kit message for a verdict: headline naming the blamed deploy and confidence (or saying plainly
 * that no deploy explains it), the deploy's details and lag, top evidence, what changed in the logs with
 * before/after counts, runner-up suspects, and links. Every string is redacted before it is placed.
 */
export function buildSlackMessage(verdict: Verdict, ctx: SlackMessageContext): SlackMessage {
  const v = redactDeep(verdict, ctx.redact);
  const blamed = v.suspects.find((s) => s.deployId === v.blamed);
  const section = (text: string): SlackBlock => ({
    type: 'section',
    text: { type: 'mrkdwn', text: clip(text, SLACK_MESSAGE_DEFAULTS.sectionChars) },
  });
  const title = headline(v, blamed);
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(`Culprit: ${title}`, SLACK_MESSAGE_DEFAULTS.headerChars) },
    },
    section(blamedSection(v, blamed)),
  ];
  if (blamed !== undefined && blamed.evidence.length > 0) {
    blocks.push(
      section(
        [
          '*Evidence*',
          ...blamed.evidence.slice(0, SLACK_MESSAGE_DEFAULTS.evidence).map((e) => `• ${escapeMrkdwn(e)}`),
        ].join('\n'),
      ),
    );
  }
  if (v.anomalies.length > 0) {
    const more =
      v.anomalyCount > SLACK_MESSAGE_DEFAULTS.anomalies
        ? `\n_and ${v.anomalyCount - SLACK_MESSAGE_DEFAULTS.anomalies} more_`
        : '';
    blocks.push(
      section(
        `*What changed in the logs*\n${v.anomalies.slice(0, SLACK_MESSAGE_DEFAULTS.anomalies).map(anomalyLine).join('\n')}${more}`,
      ),
    );
  }
  const others = v.suspects.filter((s) => s !== blamed).slice(0, SLACK_MESSAGE_DEFAULTS.runnersUp);
  if (others.length > 0) {
    blocks.push(
      section(
        [
          '*Runner-up suspects*',
          ...others.map(
            (s) => `• ${escapeMrkdwn(deployLabel(s))} at ${formatClock(s.timestamp)} — ${formatPercent(s.confidence)}`,
          ),
        ].join('\n'),
      ),
    );
  }
  const buttons = links(v, blamed, ctx);
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  blocks.push({
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: `Culprit verdict for \`${escapeMrkdwn(v.incidentId)}\` · ${v.anomalyCount} anomalies` },
    ],
  });
  return { text: `Culprit: ${title}`, blocks };
}

/** The thread reply with everything the message leaves out: every reason, every suspect, more anomalies. */
export function buildDetailsReply(verdict: Verdict, redact: Redactor): SlackMessage {
  const v = redactDeep(verdict, redact);
  const lines: string[] = [`*Details for* \`${escapeMrkdwn(v.incidentId)}\``];
  for (const s of v.suspects) {
    lines.push(
      `*${escapeMrkdwn(deployLabel(s))}* (${escapeMrkdwn(s.deployId)}) — ${formatPercent(s.confidence)}${s.blamed ? ', blamed' : ''}`,
    );
    for (const e of s.evidence) lines.push(`• ${escapeMrkdwn(e)}`);
  }
  if (v.unexplainedEvidence.length > 0)
    lines.push(
      `*No deploy* — ${formatPercent(v.unexplained)}`,
      ...v.unexplainedEvidence.map((e) => `• ${escapeMrkdwn(e)}`),
    );
  lines.push('*Anomalies*', ...v.anomalies.slice(0, 15).map(anomalyLine));
  const text = clip(lines.join('\n'), SLACK_MESSAGE_DEFAULTS.sectionChars);
  return { text: `Culprit details for ${v.incidentId}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
