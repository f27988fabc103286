/** Settings of ranking and of what happens with a verdict: events, Slack, a state machine, links, alarms. */
import { z } from 'zod';
import { CULPRIT_DEFAULT_EVENT_BUS } from '../deploys/culprit-deploy-event';
import { DEPLOY_LINK_PLACEHOLDERS } from '../deploys/deploy-links';
import { defineSetting } from './setting';
import { between, linkTemplate, regexSource } from './value-schemas';

const EVENT_BUS_NAME = /^[/.\-_A-Za-z0-9]+$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;
/** Secrets Manager's rule for secret names. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const SLACK_CHANNEL = /^[#A-Za-z0-9._-]{1,80}$/;
const SQS_CONCURRENCY = 'SQS event sources allow 2 to 1000';

export const ACTION_SETTINGS = {
  rankBatchSize: defineSetting({
    schema: z.number().int().min(1).max(10_000).default(10),
    doc: 'Anomaly messages handed to one rank invocation.',
    unit: 'messages',
    where: ['stack', 'file'],
  }),
  rankMaxBatchingWindowSeconds: defineSetting({
    schema: z.number().int().min(0).max(300, 'SQS event sources batch for at most 300 seconds').default(30),
    doc: 'Seconds the event source waits to fill a rank batch.',
    unit: 'seconds',
    where: ['stack', 'file'],
  }),
  rankMaxConcurrency: defineSetting({
    schema: z.number().int().min(2, SQS_CONCURRENCY).max(1000, SQS_CONCURRENCY).default(5),
    doc: 'Most rank invocations the anomaly queue drives at once (2 to 1000).',
    where: ['stack', 'file'],
  }),
  eventBusName: defineSetting({
    schema: z
      .string()
      .min(1)
      .max(256)
      .regex(EVENT_BUS_NAME, 'an event bus name may contain only letters, digits and / . - _')
      .refine((name) => name !== 'default', 'Culprit creates its own bus; "default" is the account\'s bus')
      .default(CULPRIT_DEFAULT_EVENT_BUS),
    doc: 'Name of the bus Culprit creates for custom deploy events and incident events.',
    where: ['stack', 'file'],
  }),
  trackLambdaDeploys: defineSetting({
    schema: z.boolean().default(true),
    doc: 'Record Lambda code updates seen through CloudTrail (the account needs a trail).',
    where: ['stack', 'file'],
  }),
  alarmTopicArn: defineSetting({
    schema: z
      .string()
      .regex(SNS_TOPIC_ARN, 'must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)')
      .optional(),
    doc: 'SNS topic the alarms notify.',
    absent: 'alarms without actions',
    where: ['stack', 'file'],
  }),
  slackSecretName: defineSetting({
    schema: z.string().regex(SECRET_NAME, 'a secret name has 1 to 512 letters, digits and / _ + = . @ -').optional(),
    doc: 'Secrets Manager secret holding the Slack webhook URL, or {"token":"xoxb-…","channel":"C…"} for a bot.',
    details: 'A name in this account and region. A bot updates its message in place. Rank may read only this secret.',
    absent: 'no Slack messages',
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_SLACK_SECRET_NAME', functions: ['rank'] },
  }),
  slackChannel: defineSetting({
    schema: z.string().regex(SLACK_CHANNEL, 'a channel id (C…) or name, at most 80 characters').optional(),
    doc: 'Channel for a bare bot token in the Slack secret. Needs slackSecretName.',
    absent: 'the secret names it',
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_SLACK_CHANNEL', functions: ['rank'] },
  }),
  redactPatterns: defineSetting({
    schema: z.array(regexSource).default([]),
    doc: 'Regular expressions whose matches become [REDACTED] in Slack messages, after the built-in rules.',
    details:
      "The built-in rules (secretlint's recommended preset and rules for secrets in running text) apply first. RE2 syntax, checked at synth.",
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_REDACT_PATTERNS', functions: ['rank'] },
  }),
  triggerStateMachineArn: defineSetting({
    schema: z
      .string()
      .regex(STATE_MACHINE_ARN, 'must be a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>)')
      .optional(),
    doc: 'State machine rank starts when a verdict blames a deploy at least triggerConfidence (e.g. a rollback).',
    details: 'The execution is named after incident and deploy, so it starts once per verdict. Rank may start only it.',
    absent: 'none',
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_TRIGGER_STATE_MACHINE_ARN', functions: ['rank'] },
  }),
  triggerConfidence: defineSetting({
    schema: between(0, 1).default(0.8),
    doc: 'Minimum confidence, 0 to 1, of the blamed deploy to start triggerStateMachineArn.',
    details: 'Acting (a rollback, a page) needs more certainty than naming a suspect in a message.',
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_TRIGGER_CONFIDENCE', functions: ['rank'] },
  }),
  verification: defineSetting({
    schema: z
      .union(
        [
          z.boolean(),
          z.strictObject({
            waitMinutes: z
              .number()
              .int()
              .min(0)
              .max(24 * 60)
              .optional(),
          }),
        ],
        {
          error: 'must be true, false or { waitMinutes } with whole minutes from 0 to 1440',
        },
      )
      .default(true),
    doc: 'Post-deploy verification state machine: false to leave it out, or { waitMinutes } before it verifies.',
    details:
      'The state machine waits, reads the service logs before and after a deploy and ends Succeeded or Failed. `true` waits 10 minutes.',
    where: ['stack', 'file'],
  }),
  links: defineSetting({
    schema: z.strictObject({ commit: linkTemplate('commit').optional(), ciRun: linkTemplate().optional() }).default({}),
    doc: 'URL templates for a deploy\'s commit and CI run, e.g. "https://github.com/ORG/REPO/commit/{commit}".',
    details: `Placeholders: ${DEPLOY_LINK_PLACEHOLDERS.map((name) => `{${name}}`).join(', ')}, filled from the deploy's field of that name (URI-encoded); a deploy lacking one gets no link. \`ciRun\` is used when the deploy has no \`url\` of its own.`,
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_LINKS', functions: ['rank'] },
  }),
} as const;
