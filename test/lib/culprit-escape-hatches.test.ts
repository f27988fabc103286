import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Culprit, type CulpritProps, SettingsError } from '../../lib';

function synth(props: (stack: Stack) => CulpritProps): { culprit: Culprit; template: Template } {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Test');
  const culprit = new Culprit(stack, 'RootCause', props(stack));
  return { culprit, template: Template.fromStack(stack) };
}

describe('Culprit escape hatches', () => {
  it('uses an existing event bus instead of creating one, and grants rank PutEvents on it', () => {
    const { culprit, template } = synth((stack) => ({
      existingEventBusInterface: EventBus.fromEventBusName(stack, 'Bus', 'platform-events'),
    }));

    template.resourceCountIs('AWS::Events::EventBus', 0);
    expect(culprit.eventBus.eventBusName).toBe('platform-events');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'events:PutEvents',
            Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':event-bus/platform-events$')])] },
          }),
        ]),
      },
    });
    // The custom-deploy rule listens on the given bus.
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'platform-events',
      EventPattern: Match.objectLike({ source: ['culprit.deploy'] }),
    });
  });

  it('gives rank an existing Slack secret by ARN and lets it read only that secret', () => {
    const { template } = synth((stack) => ({
      existingSlackSecretObj: Secret.fromSecretCompleteArn(
        stack,
        'Slack',
        'arn:aws:secretsmanager:eu-west-1:111122223333:secret:team/slack-AbCdEf',
      ),
    }));

    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Culprit rank'),
      Environment: {
        Variables: Match.objectLike({
          CULPRIT_SLACK_SECRET_NAME: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:team/slack-AbCdEf',
        }),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            Resource: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:team/slack-AbCdEf',
          }),
        ]),
      },
    });
  });

  it('merges function props over the defaults and keeps the variables the handler needs', () => {
    const { template } = synth(() => ({
      ingestFunctionProps: { memorySize: 2048, environment: { TEAM: 'payments', POWERTOOLS_LOG_LEVEL: 'DEBUG' } },
      verifyFunctionProps: { timeout: Duration.seconds(300) },
    }));

    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Culprit ingest'),
      MemorySize: 2048,
      Environment: {
        Variables: Match.objectLike({
          TEAM: 'payments',
          // Culprit's own variables win: the handler reads them.
          POWERTOOLS_LOG_LEVEL: 'INFO',
          CULPRIT_MINER_STATE_TABLE: Match.anyValue(),
        }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Culprit verify'),
      Timeout: 300,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Culprit rank'),
      MemorySize: 512,
    });
  });

  it('names every conflict between an escape hatch and a setting in one error', () => {
    const conflicting = (stack: Stack): CulpritProps => ({
      existingEventBusInterface: EventBus.fromEventBusName(stack, 'Bus', 'platform-events'),
      eventBusName: 'culprit',
      existingSlackSecretObj: Secret.fromSecretNameV2(stack, 'Slack', 'team/slack'),
      slackSecretName: 'team/slack',
      slackChannel: 'C0123',
    });

    expect(() => synth(conflicting)).toThrow(SettingsError);
    expect(() => synth(conflicting)).toThrow(
      /3 problems:\n {2}- eventBusName: exclusive with existingEventBusInterface.*\n {2}- slackSecretName: exclusive with existingSlackSecretObj\n {2}- slackChannel: exclusive/s,
    );
  });
});
