import { ArnFormat, Duration, Stack, Token, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  LogLevel,
  StateMachine,
  Succeed,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CulpritError } from '../../lambdas/core/errors';
import { BUNDLING_DEFAULTS, FUNCTION_DEFAULTS, FUNCTION_SETTINGS, powertoolsEnvironment } from '../defaults';
import type { CulpritFunctionOverrides } from '../culprit-escape-hatches';
import { handlerEntry } from './handler-entry';

/** Every verification default, declared once. */
export const VERIFICATION_DEFAULTS = {
  /** Minutes the state machine waits after it starts (traffic on the new version) before verifying. @default 10 */
  waitMinutes: 10,
  /** The verify function reads up to two windows of logs and runs the analysis. @default 1024 */
  memorySize: FUNCTION_SETTINGS.verify.memorySize,
  /** @default 120 seconds */
  timeout: FUNCTION_SETTINGS.verify.timeout,
} as const;

export interface VerificationProps {
  /** Log groups the verify function may read. @default [] */
  readonly logGroupNames?: readonly string[];
  /** Also every log group whose name starts with this. @default - none */
  readonly logGroupPrefix?: string;
  /** @default VERIFICATION_DEFAULTS.waitMinutes */
  readonly waitMinutes?: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Props merged over the verify function's defaults (the construct's `verifyFunctionProps`). @default - none */
  readonly functionProps?: CulpritFunctionOverrides;
}

/**
 * Post-deploy verification: a state machine started with `{ service, deployTime, logGroups, windowMinutes? }`
 * waits, invokes the verify function (same analysis as the pipeline over the logs before and after the
 * deploy) and ends in `DeployHealthy` (Succeed) or `DeploySuspect` (Fail), so a pipeline or a rollback can
 * wait on it. Own role and log group for the function; the machine logs everything and is traced.
 */
export class Verification extends Construct {
  readonly function: NodejsFunction;
  readonly functionLogGroup: LogGroup;
  readonly stateMachine: StateMachine;
  readonly stateMachineLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: VerificationProps) {
    super(scope, id);
    const waitMinutes = props.waitMinutes ?? VERIFICATION_DEFAULTS.waitMinutes;
    if (!Number.isInteger(waitMinutes) || waitMinutes < 0)
      throw new CulpritError(
        `Culprit verification: waitMinutes must be a whole number of minutes ≥ 0, got ${waitMinutes}`,
      );

    this.functionLogGroup = new LogGroup(this, 'FunctionLogGroup', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const role = new Role(this, 'FunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Culprit verify function',
    });
    this.functionLogGroup.grantWrite(role);
    this.function = new NodejsFunction(this, 'Function', {
      ...handlerEntry('verify'),
      handler: 'handler',
      runtime: FUNCTION_DEFAULTS.runtime,
      architecture: FUNCTION_DEFAULTS.architecture,
      memorySize: VERIFICATION_DEFAULTS.memorySize,
      timeout: VERIFICATION_DEFAULTS.timeout,
      description: FUNCTION_SETTINGS.verify.description,
      role,
      logGroup: this.functionLogGroup,
      bundling: BUNDLING_DEFAULTS,
      ...props.functionProps,
      environment: { ...props.functionProps?.environment, ...powertoolsEnvironment('verify') },
    });
    const stack = Stack.of(this);
    const logGroupArn = (pattern: string): string =>
      stack.formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: `${pattern}:*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const readable = [
      ...(props.logGroupNames ?? []).map((name) => logGroupArn(name)),
      ...(props.logGroupPrefix === undefined ? [] : [logGroupArn(`${props.logGroupPrefix}*`)]),
    ];
    if (readable.length > 0)
      role.addToPolicy(new PolicyStatement({ actions: ['logs:FilterLogEvents'], resources: readable }));

    const verify = new LambdaInvoke(this, 'Verify', {
      lambdaFunction: this.function,
      outputPath: '$.Payload',
      comment: 'Reads the service logs before and after the deploy and judges it',
    });
    const definition = new Wait(this, 'WaitForTraffic', {
      time: WaitTime.duration(Duration.minutes(waitMinutes)),
      comment: 'Lets the new version serve traffic first',
    })
      .next(verify)
      .next(
        new Choice(this, 'IsHealthy')
          .when(Condition.stringEquals('$.verdict', 'healthy'), new Succeed(this, 'DeployHealthy'))
          .otherwise(
            new Fail(this, 'DeploySuspect', {
              error: 'DeploySuspect',
              cause: 'Culprit judged the deploy suspect; the Verify state output holds the evidence',
            }),
          ),
      );
    this.stateMachineLogGroup = new LogGroup(this, 'StateMachineLogGroup', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(definition),
      comment: 'Culprit post-deploy verification',
      timeout: Duration.minutes(waitMinutes + 15),
      tracingEnabled: true,
      logs: { destination: this.stateMachineLogGroup, level: LogLevel.ALL, includeExecutionData: true },
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to nodejs22.x on purpose, like every Culprit function (see nag-acknowledgements.ts).',
    });
    // cdk-nag names each wildcard resource; each is acknowledged by its exact finding id.
    const rendered = (value: string, pseudo: string): string => (Token.isUnresolved(value) ? `<${pseudo}>` : value);
    const logsArnPrefix = `arn:<AWS::Partition>:logs:${rendered(stack.region, 'AWS::Region')}:${rendered(stack.account, 'AWS::AccountId')}:log-group:`;
    const logPatterns = [
      ...(props.logGroupNames ?? []),
      ...(props.logGroupPrefix === undefined ? [] : [`${props.logGroupPrefix}*`]),
    ];
    for (const pattern of logPatterns) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${logsArnPrefix}${pattern}:*]`,
        reason:
          'FilterLogEvents on the configured log group(s): the `:*` suffix names the log streams of that group (or groups of that prefix), nothing else.',
      });
    }
    const functionLogicalId = stack.resolve((this.function.node.defaultChild as CfnFunction).logicalId) as string;
    Validations.of(this.stateMachine).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
        reason:
          'Generated by CDK for LambdaInvoke: the verify function invoked by any of its versions (`:*`); no other function.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Step Functions log delivery (logs:*LogDelivery*, DescribeLogGroups…) and X-Ray tracing take no resource narrower than `*`.',
      },
    );
  }
}
