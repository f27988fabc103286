import { InvalidInputError } from '../../../lambdas/core/errors';
import { logGroupsOfService, notifierFromEnv, type NotifierClients } from '../../../lambdas/rank/notifier-from-env';
import { recordingLogger } from '../notify/aws-clients';

const unconfigured = {
  slackSecretName: undefined,
  slackChannel: undefined,
  redactPatterns: [],
  triggerStateMachineArn: undefined,
  triggerConfidence: 0.8,
  region: 'eu-west-1',
  serviceMap: {},
};

/** Clients that must not be built: a configuration without Slack or a state machine needs neither. */
const noClients: NotifierClients = {
  secretsManager: () => {
    throw new Error('Secrets Manager client built without a Slack secret');
  },
  stepFunctions: () => {
    throw new Error('Step Functions client built without a state machine');
  },
};

describe('the rank notifier built from the environment', () => {
  it('is absent, and builds no client, when neither Slack nor a state machine is configured', () => {
    expect(notifierFromEnv(unconfigured, noClients, recordingLogger())).toBeUndefined();
  });

  it('refuses a redaction pattern that does not compile at cold start, naming it', () => {
    expect(() =>
      notifierFromEnv(
        { ...unconfigured, slackSecretName: 'culprit/slack', redactPatterns: ['card=(\\d+'] },
        noClients,
        recordingLogger(),
      ),
    ).toThrow(InvalidInputError);
    expect(() =>
      notifierFromEnv(
        { ...unconfigured, slackSecretName: 'culprit/slack', redactPatterns: ['card=(\\d+'] },
        noClients,
        recordingLogger(),
      ),
    ).toThrow(/card=\(\\\\d\+/);
  });

  it('links a service to the log groups the service map gives it, and to itself when it is a log group', () => {
    const logGroupsOf = logGroupsOfService({
      '/ecs/checkout': 'checkout',
      '/ecs/checkout-worker': 'checkout',
      'shop/checkout-svc': 'checkout',
      '/ecs/cart': 'cart',
    });

    expect(logGroupsOf('checkout')).toEqual(['/ecs/checkout', '/ecs/checkout-worker']);
    expect(logGroupsOf('/aws/lambda/payments')).toEqual(['/aws/lambda/payments']);
    expect(logGroupsOf('unknown')).toEqual([]);
  });
});
