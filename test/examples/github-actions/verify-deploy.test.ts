/**
 * The post-deploy gate script (examples/github-actions/verify-deploy.sh) run as a CI step runs it — bash, jq and
 * the real AWS CLI — against moto_server's Step Functions executing the state machine CDK synthesizes, with the
 * Verify Lambda replaced by a stand-in state (moto would need Docker to run a Lambda; see
 * test/lib/support/verification-machine.ts). What runs for real: the script's start, polling, history query and
 * exit codes, and the machine's Wait, Choice, Succeed and Fail states.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { startMotoServer, type MotoServer } from '../../e2e/support/moto-server';
import {
  FAKE_ENV,
  definitionWithStandIn,
  motoStepFunctions,
  resetMotoStepFunctions,
  type VerifyStandIn,
} from '../../lib/support/verification-machine';

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, '../../../examples/github-actions/verify-deploy.sh');
const DEPLOYED_AT = '2024-03-05T10:00:00Z';

let moto: MotoServer;
let sfn: SFNClient;
let home: string;

interface GateRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** A fresh verification machine on moto whose Verify state behaves as `standIn`; its ARN. */
async function verificationMachine(standIn: VerifyStandIn, waitSeconds = 0): Promise<string> {
  await resetMotoStepFunctions(moto.endpoint);
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: 'CulpritVerification',
      definition: JSON.stringify(definitionWithStandIn(standIn, waitSeconds)),
      roleArn: `arn:aws:iam::${FAKE_ENV.account}:role/verify`,
    }),
  );
  if (created.stateMachineArn === undefined) throw new Error('moto returned no state machine ARN');
  return created.stateMachineArn;
}

/** Runs the gate as a CI step does: `verify-deploy.sh ARN SERVICE LOG_GROUPS DEPLOY_TIME`, credentials in the env. */
async function gate(stateMachineArn: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<GateRun> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: FAKE_ENV.region,
    POLL_SECONDS: '1',
    ...extraEnv,
  };
  const started = Date.now();
  const args = [SCRIPT, stateMachineArn, 'checkout', '/ecs/checkout', DEPLOYED_AT];
  try {
    const { stdout, stderr } = await run('bash', args, { env });
    return { code: 0, stdout, stderr, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { ...failed, seconds: (Date.now() - started) / 1000 };
  }
}

beforeAll(async () => {
  moto = await startMotoServer();
  sfn = motoStepFunctions(moto.endpoint);
  home = mkdtempSync(path.join(tmpdir(), 'culprit-gate-'));
});

afterAll(async () => {
  sfn?.destroy();
  await moto?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('the post-deploy gate script', () => {
  it('waits while the verification runs and passes (exit 0) when Culprit judges the deploy healthy', async () => {
    const arn = await verificationMachine({ verdict: 'healthy' }, 3);

    const result = await gate(arn);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      `Culprit is verifying checkout (deployed ${DEPLOYED_AT}): arn:aws:states:${FAKE_ENV.region}:${FAKE_ENV.account}:execution:CulpritVerification:checkout-2024-03-05T10-00-00Z`,
    );
    expect(result.stdout).toContain('Culprit: checkout is healthy after the deploy. {"verdict":"healthy"');
    // The machine waits 3 s before Verify: a script that did not poll until the end could not have seen SUCCEEDED.
    expect(result.seconds).toBeGreaterThanOrEqual(3);
  });

  it('fails the pipeline (exit 1) with the evidence when Culprit judges the deploy suspect', async () => {
    const arn = await verificationMachine({ verdict: 'suspect' });

    const result = await gate(arn, { GITHUB_ACTIONS: 'true' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Culprit: the deploy of checkout is suspect (execution FAILED). {"verdict":"suspect","confidence":0.9,"evidence":["stand-in for the verify Lambda"]}',
    );
    expect(result.stdout).toContain(
      '::error title=Culprit post-deploy gate::Culprit: the deploy of checkout is suspect; see the step log for why',
    );
    expect(result.stdout).not.toContain('healthy');
  });

  it('fails the pipeline (exit 2) naming the error when the verification itself fails', async () => {
    const arn = await verificationMachine({
      error: 'InvalidInputError',
      cause: 'deployTime: expected ISO-8601 with a zone',
    });

    const result = await gate(arn);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Culprit: could not verify the deploy of checkout (execution FAILED): InvalidInputError: deployTime: expected ISO-8601 with a zone',
    );
  });

  it('fails the pipeline with the AWS CLI’s error when the state machine does not exist', async () => {
    await resetMotoStepFunctions(moto.endpoint);

    const result = await gate(`arn:aws:states:${FAKE_ENV.region}:${FAKE_ENV.account}:stateMachine:NoSuchMachine`);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/StateMachineDoesNotExist/);
    expect(result.stdout).not.toContain('Culprit is verifying');
  });
});
