import { EventBus, Match, Rule, type EventPattern, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CULPRIT_DEPLOY_SOURCE, LAMBDA_DEPLOY_API_CALLS } from '../../lambdas/core/deploys';
import { RULE_TARGET_DEFAULTS } from '../defaults';

export interface DeployRulesProps {
  readonly deploysFunction: IFunction;
  /** Where custom `culprit.deploy` events arrive. AWS service events always arrive on the default bus. */
  readonly culpritBus: IEventBus;
  /** Events EventBridge could not deliver to the function. */
  readonly deadLetterQueue: IQueue;
  /** Add the CloudTrail rule for Lambda code updates (needs a CloudTrail trail in the account). */
  readonly trackLambdaDeploys: boolean;
}

/**
 * EventBridge rules that send finished deploys to the deploys Lambda. Each rule matches only the
 * final, successful state, so the function sees few events; it re-checks them anyway.
 */
export class DeployRules extends Construct {
  readonly rules: readonly Rule[];

  constructor(scope: Construct, id: string, props: DeployRulesProps) {
    super(scope, id);
    // EventBridge retries when it cannot hand the event over (throttling, outages); the function's own
    // failures are retried by Lambda's asynchronous invocation and end in the same dead-letter queue.
    const target = new LambdaFunction(props.deploysFunction, {
      ...RULE_TARGET_DEFAULTS,
      deadLetterQueue: props.deadLetterQueue,
    });
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    const rule = (ruleId: string, description: string, bus: IEventBus, eventPattern: EventPattern): Rule =>
      new Rule(this, ruleId, { description, eventBus: bus, eventPattern, targets: [target] });

    const rules = [
      rule('CodeDeploySucceeded', 'Culprit: CodeDeploy deployments that succeeded', defaultBus, {
        source: ['aws.codedeploy'],
        detailType: ['CodeDeploy Deployment State-change Notification'],
        detail: { state: ['SUCCESS'] },
      }),
      rule('EcsDeploymentCompleted', 'Culprit: ECS service deployments that completed', defaultBus, {
        source: ['aws.ecs'],
        detailType: ['ECS Deployment State Change'],
        detail: { eventName: ['SERVICE_DEPLOYMENT_COMPLETED'] },
      }),
      rule('StackDeployed', 'Culprit: CloudFormation stacks created or updated', defaultBus, {
        source: ['aws.cloudformation'],
        detailType: ['CloudFormation Stack Status Change'],
        detail: { 'status-details': { status: ['CREATE_COMPLETE', 'UPDATE_COMPLETE'] } },
      }),
      rule('CustomDeploy', 'Culprit: deploys recorded by `culprit deploy record` or CI', props.culpritBus, {
        source: [CULPRIT_DEPLOY_SOURCE],
      }),
    ];
    if (props.trackLambdaDeploys) {
      rules.push(
        rule(
          'LambdaCodeDeployed',
          'Culprit: Lambda code updates, published versions and alias moves (via CloudTrail)',
          defaultBus,
          {
            source: ['aws.lambda'],
            detailType: ['AWS API Call via CloudTrail'],
            detail: {
              eventSource: ['lambda.amazonaws.com'],
              // CloudTrail appends the API version to the name (UpdateFunctionCode20150331v2).
              eventName: Match.anyOf(...LAMBDA_DEPLOY_API_CALLS.map((call) => Match.prefix(call))),
              // A failed call deployed nothing.
              errorCode: Match.doesNotExist(),
            },
          },
        ),
      );
    }
    this.rules = rules;
  }
}
