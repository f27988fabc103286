/**
 * The verification state machine as CDK synthesizes it, made runnable on moto_server: CloudFormation tokens
 * resolved, and the Verify task (a Lambda, which moto could only run with Docker) replaced by a stand-in state.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Verification } from '../../../lib/parts/verification';

export const FAKE_ENV = { partition: 'aws', region: 'eu-west-1', account: '123456789012' };

export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Record<string, Record<string, unknown>>;
}

export function synthVerification(props: { waitMinutes?: number } = {}): Template {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'VerifyTest', { env: { region: FAKE_ENV.region, account: FAKE_ENV.account } });
  new Verification(stack, 'Verification', {
    logGroupNames: ['/ecs/checkout'],
    logRetention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
    ...props,
  });
  return Template.fromStack(stack);
}

function resolveToken(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('Fn::Join' in v) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(resolveToken).join(sep);
    }
    if ('Fn::GetAtt' in v) {
      const [logical] = v['Fn::GetAtt'] as [string, string];
      return `arn:aws:lambda:${FAKE_ENV.region}:${FAKE_ENV.account}:function:${logical}`;
    }
    if ('Ref' in v) {
      const ref = v.Ref as string;
      if (ref === 'AWS::Partition') return FAKE_ENV.partition;
      if (ref === 'AWS::Region') return FAKE_ENV.region;
      if (ref === 'AWS::AccountId') return FAKE_ENV.account;
      return ref;
    }
  }
  throw new Error(`unresolvable definition part ${JSON.stringify(value)}`);
}

/** The state machine's definition with Fn::Join, Fn::GetAtt, Ref and pseudo parameters resolved to plausible values. */
export function resolvedDefinition(template: Template): AslDefinition {
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const definition = (machines[0] as { Properties: { DefinitionString: unknown } }).Properties.DefinitionString;
  return JSON.parse(resolveToken(definition)) as AslDefinition;
}

/** What the stand-in for the verify Lambda does: answer a verdict, or fail as the task does on bad input. */
export type VerifyStandIn =
  | { readonly verdict: 'healthy' | 'suspect' }
  | { readonly error: string; readonly cause: string };

/**
 * The synthesized definition with the Verify task replaced by a Pass state answering what the function answers (or
 * a Fail state, as a task that throws ends the execution) and the wait shortened to `waitSeconds`. The Choice on `$.verdict`
 * and the terminal states are exactly what CDK synthesized.
 */
export function definitionWithStandIn(standIn: VerifyStandIn, waitSeconds = 0): AslDefinition {
  const definition = resolvedDefinition(synthVerification());
  const states = definition.States;
  const verify = states.Verify ?? {};
  states.Verify =
    'verdict' in standIn
      ? {
          Type: 'Pass',
          Result: { verdict: standIn.verdict, confidence: 0.9, evidence: ['stand-in for the verify Lambda'] },
          Next: verify.Next,
        }
      : { Type: 'Fail', Error: standIn.error, Cause: standIn.cause };
  states.WaitForTraffic = { ...states.WaitForTraffic, Seconds: waitSeconds };
  return definition;
}

/**
 * Clears moto and turns on its state machine execution. moto 5.2.1 answers a second StartExecution with an HTML
 * 500 once it has executed a machine, so each run starts from a clean server.
 */
export async function resetMotoStepFunctions(endpoint: string): Promise<void> {
  const reset = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  if (!reset.ok) throw new Error(`moto reset answered ${reset.status}`);
  const config = await fetch(`${endpoint}/moto-api/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }),
  });
  if (!config.ok) throw new Error(`moto config answered ${config.status}`);
}

/** A Step Functions client for moto at `endpoint`, in the region the ARNs above use. */
export function motoStepFunctions(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: FAKE_ENV.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}
