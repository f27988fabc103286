/**
 * The GitHub Action's script (action/record-deploy.js, run by action.yml) against moto_server's EventBridge, with the
 * real AWS CLI it calls on a runner: its event must equal the one `culprit deploy record` sends for the same inputs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { runDeployRecord } from '../../bin/commands/deploy-record';
import { createEventBusTap, type EventBusTap } from '../e2e/support/event-bus-tap';
import { startMotoServer, type MotoServer } from '../e2e/support/moto-server';

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, '../../action/record-deploy.js');

let moto: MotoServer;
let work: string;
const savedEnv = { ...process.env };

/** Runs the action's script as the composite step does: inputs in CULPRIT_* variables, outputs to GITHUB_OUTPUT. */
async function runAction(inputs: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: work,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    GITHUB_OUTPUT: path.join(work, 'github-output'),
  };
  for (const [name, value] of Object.entries(inputs)) env[`CULPRIT_${name}`] = value;
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function silentIo(): { stdout: PassThrough; stderr: PassThrough } {
  return { stdout: new PassThrough(), stderr: new PassThrough() };
}

/** An event without what differs between two puts of the same deploy (EventBridge's own event id). */
function withoutEventId(event: Record<string, unknown>): Record<string, unknown> {
  const { id: _eventId, ...rest } = event;
  return rest;
}

beforeAll(async () => {
  moto = await startMotoServer();
  work = mkdtempSync(path.join(tmpdir(), 'culprit-action-'));
  // The CLI runs in this process and takes credentials the usual way.
  process.env = { ...savedEnv, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
});

afterAll(async () => {
  process.env = savedEnv;
  await moto.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the record-deploy GitHub Action', () => {
  let tap: EventBusTap;

  beforeAll(async () => {
    tap = await createEventBusTap(moto.endpoint, 'culprit', 'culprit.deploy');
  });

  it('puts the same culprit.deploy event as `culprit deploy record` and writes the step outputs', async () => {
    const deploy = {
      service: 'checkout',
      version: 'v1.4.2',
      commit: '9f3c2a1e0b7d',
      url: 'https://github.com/shop/checkout/actions/runs/42',
      author: 'octocat',
      description: 'retry budget 3 -> 1',
      at: '2024-03-07T10:58:00Z',
    };

    const cliCode = await runDeployRecord({ ...deploy, eventBus: 'culprit', endpoint: moto.endpoint }, silentIo());
    const action = await runAction({
      SERVICE: deploy.service,
      VERSION: deploy.version,
      COMMIT: deploy.commit,
      URL: deploy.url,
      AUTHOR: deploy.author,
      DESCRIPTION: deploy.description,
      AT: deploy.at,
      // GitHub passes unset optional inputs as empty strings.
      ID: '',
      EVENT_BUS: 'culprit',
    });
    const [fromCli, fromAction, ...others] = await tap.take();

    expect(cliCode).toBe(0);
    expect(action).toMatchObject({ code: 0, stderr: '' });
    expect(action.stdout).toMatch(
      /^recorded deploy checkout:v1\.4\.2:1709809080000 of checkout v1\.4\.2 on event bus culprit \(event [0-9a-f-]+\)\n$/,
    );
    expect(others).toEqual([]);
    expect(fromAction).toBeDefined();
    expect(withoutEventId(fromAction as Record<string, unknown>)).toEqual(
      withoutEventId(fromCli as Record<string, unknown>),
    );
    expect(fromAction).toMatchObject({
      source: 'culprit.deploy',
      'detail-type': 'Culprit Deploy',
      time: '2024-03-07T10:58:00Z',
      detail: {
        service: 'checkout',
        version: 'v1.4.2',
        id: 'checkout:v1.4.2:1709809080000',
        timestamp: '2024-03-07T10:58:00.000Z',
        commit: deploy.commit,
        author: deploy.author,
        description: deploy.description,
        url: deploy.url,
      },
    });
    expect(readFileSync(path.join(work, 'github-output'), 'utf8')).toMatch(
      /^deploy-id=checkout:v1\.4\.2:1709809080000\nevent-id=[0-9a-f-]+\n$/,
    );
  });

  it('fails the step with exit 1 naming the bus when the bus does not exist', async () => {
    const action = await runAction({ SERVICE: 'search', VERSION: '7', EVENT_BUS: 'no-such-bus' });

    expect(action.code).toBe(1);
    expect(action.stderr).toMatch(/culprit deploy record: (could not put the deploy event on|event bus) no-such-bus/);
  });

  it('rejects a missing version or an unreadable time with exit 2 before calling AWS', async () => {
    const noVersion = await runAction({ SERVICE: 'search', VERSION: ' ' });
    const badTime = await runAction({ SERVICE: 'search', VERSION: '7', AT: 'yesterday' });

    expect(noVersion).toMatchObject({ code: 2, stderr: 'culprit deploy record: version: must not be empty\n' });
    expect(badTime).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^culprit deploy record: at: expected ISO-8601/),
    });
    expect(await tap.take()).toEqual([]);
  });
});
