export { SecretCache, SecretUnavailableError } from './secret-cache';
export { parseSlackSecret, type SlackTarget } from './slack-secret';
export { SlackHttp, SLACK_HTTP_DEFAULTS, type SlackHttpOptions, type SlackCallResult } from './slack-http';
export { SlackNotifier, type SlackNotifierProps, type SlackNotifyResult, type SlackRecord } from './slack-notifier';
export {
  ExecutionTrigger,
  TRIGGER_MIN_CONFIDENCE,
  type ExecutionTriggerProps,
  type TriggerResult,
} from './execution-trigger';
export {
  createVerdictNotifier,
  type Announcement,
  type VerdictNotifier,
  type VerdictNotifierParts,
  type VerdictNotifyResult,
} from './verdict-notifier';
