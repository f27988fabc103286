import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Verification } from '../../lib/parts/verification';
import { startMotoServer, type MotoServer } from '../e2e/support/moto-server';
import {
  FAKE_ENV as FAKE,
  definitionWithStandIn,
  motoStepFunctions,
  resetMotoStepFunctions,
  resolvedDefinition,
  synthVerification,
} from './support/verification-machine';

type AslValidator = (
  definition: unknown,
  options?: { checkArn?: boolean; checkPaths?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };
// asl-validator ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validateAsl = require('asl-validator') as AslValidator;

describe('the verification state machine', () => {
  it('is a valid Amazon States Language definition once CloudFormation tokens are resolved', () => {
    const definition = resolvedDefinition(synthVerification());

    const result = validateAsl(definition, { checkArn: true, checkPaths: true });

    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('waits, verifies with the Lambda, then succeeds on healthy and fails otherwise', () => {
    const definition = resolvedDefinition(synthVerification({ waitMinutes: 15 }));

    expect(definition).toMatchObject({
      StartAt: 'WaitForTraffic',
      States: {
        WaitForTraffic: { Type: 'Wait', Seconds: 900, Next: 'Verify' },
        Verify: {
          Type: 'Task',
          Resource: expect.stringContaining(':states:::lambda:invoke'),
          OutputPath: '$.Payload',
          Next: 'IsHealthy',
        },
        IsHealthy: {
          Type: 'Choice',
          Choices: [{ Variable: '$.verdict', StringEquals: 'healthy', Next: 'DeployHealthy' }],
          Default: 'DeploySuspect',
        },
        DeployHealthy: { Type: 'Succeed' },
        DeploySuspect: { Type: 'Fail', Error: 'DeploySuspect' },
      },
    });
  });

  it('lets the verify function read only the configured log groups, with FilterLogEvents', () => {
    const template = synthVerification();

    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 'logs:FilterLogEvents',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': [
                '',
                ['arn:', { Ref: 'AWS::Partition' }, `:logs:${FAKE.region}:${FAKE.account}:log-group:/ecs/checkout:*`],
              ],
            },
          },
        ]),
      },
    });
  });

  it('has no unacknowledged cdk-nag AwsSolutions finding', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'culprit-verify-nag-'));
    try {
      const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      const stack = new Stack(app, 'VerifyNag');
      new Verification(stack, 'Verification', {
        logGroupPrefix: '/ecs/',
        logRetention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.RETAIN,
      });

      expect(() => app.synth()).not.toThrow();
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

/**
 * moto runs Pass, Choice, Wait, Succeed and Fail states but cannot invoke a Lambda (it would need Docker), so
 * the synthesized definition runs with the Verify task replaced by a Pass state returning what the function
 * returns, and the wait shortened to 0 s. Everything else — the Choice on `$.verdict`, the terminal states —
 * is exactly what CDK synthesized.
 */
describe('the synthesized verification state machine running on moto', () => {
  let moto: MotoServer;
  let sfn: SFNClient;

  beforeAll(async () => {
    moto = await startMotoServer();
    sfn = motoStepFunctions(moto.endpoint);
  });

  afterAll(async () => {
    sfn?.destroy();
    await moto?.stop();
  });

  /** Creates the machine with a Pass stand-in answering `verdict`, runs it, waits for the end. */
  async function runWithVerdict(
    verdict: 'healthy' | 'suspect',
  ): Promise<{ status: string | undefined; error: string | undefined }> {
    await resetMotoStepFunctions(moto.endpoint);
    const definition = definitionWithStandIn({ verdict });
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: `verify-${verdict}`,
        definition: JSON.stringify(definition),
        roleArn: `arn:aws:iam::${FAKE.account}:role/verify`,
      }),
    );
    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: created.stateMachineArn,
        input: JSON.stringify({
          service: 'checkout',
          deployTime: '2024-03-05T10:00:00Z',
          logGroups: ['/ecs/checkout'],
        }),
      }),
    );
    for (let i = 0; i < 100; i++) {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      if (described.status !== 'RUNNING') return { status: described.status, error: described.error };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('execution still running after 100 polls');
  }

  it('succeeds when verify answers healthy', async () => {
    const outcome = await runWithVerdict('healthy');

    expect(outcome.status).toBe('SUCCEEDED');
  });

  it('fails with DeploySuspect when verify answers suspect', async () => {
    const outcome = await runWithVerdict('suspect');

    expect(outcome).toEqual({ status: 'FAILED', error: 'DeploySuspect' });
  });
});
