import type { RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ApplicationLogLevel, LoggingFormat, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  BUNDLING_DEFAULTS,
  FUNCTION_DEFAULTS,
  FUNCTION_SETTINGS,
  powertoolsEnvironment,
  type CulpritFunctionName,
} from '../defaults';
import type { CulpritFunctionOverrides } from '../culprit-escape-hatches';
import { handlerEntry } from './handler-entry';

export interface CulpritFunctionProps {
  readonly name: CulpritFunctionName;
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Where failed asynchronous invocations go after the retries. @default - none (synchronous callers) */
  readonly deadLetterQueue?: IQueue;
  /** Props merged over the defaults (the construct's `…FunctionProps` escape hatch). @default - none */
  readonly overrides?: CulpritFunctionOverrides;
}

/**
 * One Culprit Lambda: bundled from `lambdas/<name>/handler.ts` with the local esbuild, its own log
 * group with a retention, and its own role holding nothing but the right to write that log group;
 * every other permission is granted by the construct that wires it.
 */
export class CulpritFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: CulpritFunctionProps) {
    super(scope, id);
    const settings = FUNCTION_SETTINGS[props.name];
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // No AWSLambdaBasicExecutionRole: it allows writing to every log group in the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Culprit ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      ...handlerEntry(props.name),
      handler: 'handler',
      runtime: FUNCTION_DEFAULTS.runtime,
      architecture: FUNCTION_DEFAULTS.architecture,
      memorySize: settings.memorySize,
      timeout: settings.timeout,
      description: settings.description,
      role: this.role,
      logGroup: this.logGroup,
      bundling: BUNDLING_DEFAULTS,
      ...(settings.quietPlatformLogs === true
        ? {
            loggingFormat: LoggingFormat.JSON,
            systemLogLevelV2: SystemLogLevel.WARN,
            applicationLogLevelV2: ApplicationLogLevel.INFO,
          }
        : {}),
      ...(props.deadLetterQueue === undefined
        ? {}
        : { deadLetterQueue: props.deadLetterQueue, retryAttempts: FUNCTION_DEFAULTS.retryAttempts }),
      ...props.overrides,
      // The handler reads these; the user's variables are added, never in their place.
      environment: {
        ...props.overrides?.environment,
        ...powertoolsEnvironment(props.name),
        ...props.environment,
      },
    });
  }
}
