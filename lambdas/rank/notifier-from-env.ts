import type { Logger } from '@aws-lambda-powertools/logger';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { createRedactor, type Redactor } from '../core/notify';
import type { ServiceMap } from '../core/deploys';
import {
  createVerdictNotifier,
  ExecutionTrigger,
  SecretCache,
  SlackHttp,
  SlackNotifier,
  type SlackHttpOptions,
  type VerdictNotifier,
} from '../notify';
import type { RankEnv } from '../common';

export type RankNotifier = VerdictNotifier;

export interface NotifierClients {
  /** Built only when Slack is configured. */
  readonly secretsManager: () => SecretsManagerClient;
  /** Built only when a state machine is configured. */
  readonly stepFunctions: () => SFNClient;
  /** @default {} (slack.com, the SlackHttp defaults) */
  readonly slackHttp?: SlackHttpOptions;
}

/**
 * The log groups of a service, for the Logs Insights link: the service map's log group names (they start
 * with `/`) mapped to it, and the service itself when it is a log group name (an unmapped log group is its
 * own service; see serviceForLogGroup). Log groups only found through a prefix are unknown here.
 */
export function logGroupsOfService(serviceMap: ServiceMap): (service: string) => string[] {
  return (service) => {
    const groups = Object.entries(serviceMap)
      .filter(([resource, mapped]) => mapped === service && resource.startsWith('/'))
      .map(([resource]) => resource);
    return service.startsWith('/') && !groups.includes(service) ? [service, ...groups] : groups;
  };
}

/**
 * The rank function's notifier from its environment: Slack when a secret is named, the state machine when an
 * ARN is given, nothing (undefined) when neither is. A redaction pattern that does not compile throws here, at
 * cold start, rather than letting a message leave unredacted.
 */
export function notifierFromEnv(
  env: Pick<
    RankEnv,
    | 'slackSecretName'
    | 'slackChannel'
    | 'redactPatterns'
    | 'triggerStateMachineArn'
    | 'triggerConfidence'
    | 'region'
    | 'serviceMap'
  > &
    Partial<Pick<RankEnv, 'links'>>,
  clients: NotifierClients,
  logger: Pick<Logger, 'info' | 'warn' | 'error'>,
  redact: Redactor = createRedactor(env.redactPatterns),
): RankNotifier | undefined {
  const slack =
    env.slackSecretName === undefined
      ? undefined
      : new SlackNotifier({
          secrets: new SecretCache(clients.secretsManager()),
          secretId: env.slackSecretName,
          ...(env.slackChannel === undefined ? {} : { channel: env.slackChannel }),
          http: new SlackHttp(clients.slackHttp ?? {}),
          message: {
            region: env.region ?? '',
            logGroupsOf: logGroupsOfService(env.serviceMap),
            redact,
            links: env.links,
          },
          logger,
        });
  const trigger =
    env.triggerStateMachineArn === undefined
      ? undefined
      : new ExecutionTrigger({
          client: clients.stepFunctions(),
          stateMachineArn: env.triggerStateMachineArn,
          ...(env.triggerConfidence === undefined ? {} : { minConfidence: env.triggerConfidence }),
          redact,
          logger,
        });
  if (slack === undefined && trigger === undefined) return undefined;
  return createVerdictNotifier({
    ...(slack === undefined ? {} : { slack }),
    ...(trigger === undefined ? {} : { trigger }),
  });
}
