import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { executionName } from '../../../lambdas/core/notify';
import { ExecutionTrigger } from '../../../lambdas/notify';
import { startMotoServer, type MotoServer } from '../../e2e/support/moto-server';
import { suspect, verdict } from '../../core/notify/verdict-factory';
import { MOTO_CLIENT, recordingLogger } from './aws-clients';

/** Step Functions on moto_server, machines not executed (moto's default): StartExecution and its name rules are what is tested. */
describe('ExecutionTrigger against Step Functions on moto_server', () => {
  let moto: MotoServer;
  let sfn: SFNClient;
  let stateMachineArn: string;

  beforeAll(async () => {
    moto = await startMotoServer();
    sfn = new SFNClient({ ...MOTO_CLIENT, endpoint: moto.endpoint });
    const definition = { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: 'rollback',
        definition: JSON.stringify(definition),
        roleArn: 'arn:aws:iam::123456789012:role/rollback',
      }),
    );
    stateMachineArn = created.stateMachineArn ?? '';
  });

  afterAll(async () => {
    sfn?.destroy();
    await moto?.stop();
  });

  it('starts the state machine with the verdict as input, named after the incident and deploy', async () => {
    const trigger = new ExecutionTrigger({
      client: sfn,
      stateMachineArn,
      minConfidence: 0.8,
      logger: recordingLogger(),
    });
    const v = verdict({ incidentId: 'inc-2024-03-05T10:03:00.000Z' });

    const result = await trigger.trigger(v);

    const name = executionName('inc-2024-03-05T10:03:00.000Z', 'codedeploy:d-ABC123');
    expect(result).toMatchObject({ status: 'started', name });
    const described = await sfn.send(
      new DescribeExecutionCommand({ executionArn: (result as { executionArn: string }).executionArn }),
    );
    expect(described.name).toBe(name);
    expect(JSON.parse(described.input ?? '{}')).toMatchObject({
      incidentId: 'inc-2024-03-05T10:03:00.000Z',
      deploy: {
        id: 'codedeploy:d-ABC123',
        service: 'checkout',
        deployTime: '2024-03-05T10:00:00.000Z',
        version: 'v1.4.2',
        confidence: 0.82,
      },
      verdict: { incidentId: 'inc-2024-03-05T10:03:00.000Z', blamed: { deployId: 'codedeploy:d-ABC123' } },
    });
  });

  it('starts one execution when the same verdict triggers twice (Step Functions answers the same execution)', async () => {
    const trigger = new ExecutionTrigger({
      client: sfn,
      stateMachineArn,
      minConfidence: 0.8,
      logger: recordingLogger(),
    });
    const v = verdict({ incidentId: 'inc-repeat' });

    const first = await trigger.trigger(v);
    const second = await trigger.trigger(v);

    expect(first.status).toBe('started');
    expect(['started', 'already-started']).toContain(second.status);
    if (second.status === 'started' && first.status === 'started') expect(second.executionArn).toBe(first.executionArn);
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(
      listed.executions?.filter((e) => e.name === executionName('inc-repeat', 'codedeploy:d-ABC123')),
    ).toHaveLength(1);
  });

  it('treats ExecutionAlreadyExists (same name, newer verdict) as already started', async () => {
    const trigger = new ExecutionTrigger({
      client: sfn,
      stateMachineArn,
      minConfidence: 0.8,
      logger: recordingLogger(),
    });
    await trigger.trigger(verdict({ incidentId: 'inc-moved' }));

    const again = await trigger.trigger(
      verdict({ incidentId: 'inc-moved', suspects: [suspect({ confidence: 0.95 })] }),
    );

    expect(again).toEqual({ status: 'already-started', name: executionName('inc-moved', 'codedeploy:d-ABC123') });
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(listed.executions?.filter((e) => e.name === executionName('inc-moved', 'codedeploy:d-ABC123'))).toHaveLength(
      1,
    );
  });

  it('does not start anything for a verdict below the confidence or without a blamed deploy', async () => {
    const trigger = new ExecutionTrigger({
      client: sfn,
      stateMachineArn,
      minConfidence: 0.9,
      logger: recordingLogger(),
    });

    const weak = await trigger.trigger(verdict({ incidentId: 'inc-weak' }));
    const none = await trigger.trigger(
      verdict({ incidentId: 'inc-none', suspects: [suspect({ blamed: false })], blamed: null }),
    );

    expect(weak).toEqual({ status: 'skipped', reason: 'blamed below 0.9' });
    expect(none).toEqual({ status: 'skipped', reason: 'no deploy blamed' });
  });

  it('returns a failure, logged, for a state machine that does not exist', async () => {
    const logger = recordingLogger();
    const trigger = new ExecutionTrigger({
      client: sfn,
      stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:missing',
      minConfidence: 0.5,
      logger,
    });

    const result = await trigger.trigger(verdict({ incidentId: 'inc-missing' }));

    expect(result).toMatchObject({ status: 'failed', error: expect.stringMatching(/StateMachineDoesNotExist/) });
    expect(logger.entries.map((e) => e.level)).toEqual(['error']);
  });
});
