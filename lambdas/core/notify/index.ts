export { createRedactor, redactDeep, type Redactor } from './redact';
export {
  shouldNotify,
  notifiedStateOf,
  isResolved,
  shownConfidence,
  MATERIAL_CONFIDENCE_CHANGE,
  type NotifiedState,
  type NotifyDecision,
} from './should-notify';
export { executionName, MAX_EXECUTION_NAME } from './execution-name';
export { deployToAct } from './trigger-decision';
export {
  logsInsightsUrl,
  templatesQuery,
  templateRegex,
  decodeInsightsFragment,
  INSIGHTS_QUERY_LIMIT,
  type LogsInsightsLink,
} from './logs-insights-url';
export {
  buildSlackMessage,
  buildDetailsReply,
  escapeMrkdwn,
  SLACK_MESSAGE_DEFAULTS,
  type SlackMessageContext,
} from './slack-message';
export type { SlackBlock, SlackMessage, TextObject, ButtonElement } from './slack-types';
export { buildWithdrawalMessage } from './withdrawal-message';
export {
  VERDICT_WITHDRAWN_EVENT,
  WITHDRAWAL_REASONS,
  WithdrawalEventError,
  parseVerdictWithdrawnDetail,
  verdictWithdrawnDetailSchema,
  withdrawalEventDetail,
  withdrawalExplanation,
  type VerdictWithdrawnDetail,
  type WithdrawalReason,
} from './withdrawal-event';
