import { SFNClient } from '@aws-sdk/client-sfn';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createRedactor } from '../../../lambdas/core/notify';
import {
  createVerdictNotifier,
  ExecutionTrigger,
  SecretCache,
  SlackHttp,
  SlackNotifier,
} from '../../../lambdas/notify';
import { startMotoServer, type MotoServer } from '../../e2e/support/moto-server';
import { verdict } from '../../core/notify/verdict-factory';
import { countCommands, MOTO_CLIENT, recordingLogger } from './aws-clients';

/** A notifier whose Slack secret and state machine do not exist, so each part fails as it is used. */
function notifierOfAbsentParts(
  secrets: SecretsManagerClient,
  sfn: SFNClient,
  logger: ReturnType<typeof recordingLogger>,
): ReturnType<typeof createVerdictNotifier> {
  return createVerdictNotifier({
    slack: new SlackNotifier({
      secrets: new SecretCache(secrets),
      secretId: 'culprit/absent',
      http: new SlackHttp(),
      message: { region: 'eu-west-1', logGroupsOf: () => [], redact: createRedactor() },
      logger,
    }),
    trigger: new ExecutionTrigger({
      client: sfn,
      stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:absent',
      minConfidence: 0.5,
      logger,
    }),
  });
}

describe('createVerdictNotifier', () => {
  let moto: MotoServer;

  beforeAll(async () => {
    moto = await startMotoServer();
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it("returns each part's failure as a value and never throws into the caller's batch", async () => {
    const logger = recordingLogger();
    const secrets = new SecretsManagerClient({ ...MOTO_CLIENT, endpoint: moto.endpoint });
    const sfn = new SFNClient({ ...MOTO_CLIENT, endpoint: moto.endpoint });
    const notify = notifierOfAbsentParts(secrets, sfn, logger);

    const result = await notify(verdict(), undefined);

    expect(result.slack?.status).toBe('failed');
    expect(result.trigger?.status).toBe('failed');
    expect(logger.entries.filter((e) => e.level === 'error')).toHaveLength(2);
    secrets.destroy();
    sfn.destroy();
  });

  it('sends a withdrawal to Slack only: the state machine is neither started nor stopped', async () => {
    const logger = recordingLogger();
    const secrets = new SecretsManagerClient({ ...MOTO_CLIENT, endpoint: moto.endpoint });
    const sfn = new SFNClient({ ...MOTO_CLIENT, endpoint: moto.endpoint });
    const sfnCalls = countCommands(sfn);
    const notify = notifierOfAbsentParts(secrets, sfn, logger);
    const told = { notified: { blamed: 'codedeploy:d-ABC123', confidence: 0.82, resolved: false } };

    const result = await notify(verdict({ provisional: true }), told, {
      kind: 'withdrawal',
      reason: 'anomalies-faded',
    });

    expect(result).toEqual({ slack: expect.objectContaining({ status: 'failed' }) });
    expect(sfnCalls.size).toBe(0);
    secrets.destroy();
    sfn.destroy();
  });
});
