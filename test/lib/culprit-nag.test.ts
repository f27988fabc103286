import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CulpritStack, type CulpritProps } from '../../lib';

const outdirs: string[] = [];

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

/** An app checked like bin/app.ts checks it: cdk-nag AwsSolutions as a validation plugin. */
function checkedApp(builtinCloudFormationValidation: boolean): App {
  const outdir = mkdtempSync(join(tmpdir(), 'culprit-nag-'));
  outdirs.push(outdir);
  const app = new App({ outdir, builtinCloudFormationValidation, context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

describe('the Culprit stack under cdk-nag and CloudFormation validation', () => {
  it('synthesizes with builtin CloudFormation validation on and no unacknowledged AwsSolutions finding', () => {
    const app = checkedApp(true);
    const listed: CulpritProps = {
      logGroups: ['/aws/lambda/checkout', { name: '/ecs/payments', service: 'payments' }],
      alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:ops',
      // Slack, the trigger state machine and (by default) verification: their grants are checked too.
      slackSecretName: 'culprit/slack',
      triggerStateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:rollback',
    };
    new CulpritStack(app, 'Listed', { culprit: listed });

    const assembly = app.synth();

    expect(assembly.getStackByName('Listed').template).toHaveProperty('Resources');
  });

  it('has no unacknowledged AwsSolutions finding when log groups are selected by prefix either', () => {
    const app = checkedApp(false);
    new CulpritStack(app, 'Prefixed', { culprit: { logGroupPrefix: '/aws/lambda/shop-' } });

    expect(() => app.synth()).not.toThrow();
  });

  it('has no unacknowledged AwsSolutions finding with the Kinesis transport, listed or by prefix', () => {
    const app = checkedApp(false);
    new CulpritStack(app, 'KinesisListed', {
      culprit: {
        logGroups: ['/aws/lambda/checkout'],
        ingestTransport: 'kinesis',
        alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:ops',
      },
    });
    new CulpritStack(app, 'KinesisPrefixed', {
      culprit: { logGroupPrefix: '/aws/lambda/shop-', ingestTransport: 'kinesis', kinesisShardCount: 4 },
    });

    const assembly = app.synth();

    const resources = Object.values(
      assembly.getStackByName('KinesisListed').template.Resources as Record<string, { Type: string }>,
    );
    expect(resources.map((resource) => resource.Type)).toEqual(
      expect.arrayContaining(['AWS::Kinesis::Stream', 'AWS::Lambda::EventSourceMapping']),
    );
  });

  it('fails synth on a finding nobody acknowledged, so the check above is live', () => {
    const app = checkedApp(false);
    const stack = new CulpritStack(app, 'WithStrayQueue', { culprit: { logGroups: ['/a'] } });
    new Queue(stack, 'StrayQueue');

    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
