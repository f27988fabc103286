import { PassThrough } from 'node:stream';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Command } from 'commander';
import { registerDeployCommand, runDeployRecord } from '../../bin/commands/deploy-record';
import { normaliseDeployEvent } from '../../lambdas/core/deploys';
import { captureStdout } from '../e2e/support/capture-stdout';
import { type MotoServer, startMotoServer } from '../e2e/support/moto-server';

const AWS = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } as const;

let moto: MotoServer;
let endpoint: string;
const savedEnv = { ...process.env };

/** A bus with a rule that copies every culprit.deploy event into a queue the test can read. */
async function busWithTap(busName: string): Promise<() => Promise<unknown[]>> {
  const events = new EventBridgeClient({ ...AWS, endpoint });
  const sqs = new SQSClient({ ...AWS, endpoint });
  await events.send(new CreateEventBusCommand({ Name: busName }));
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: `${busName}-tap` }));
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  await events.send(
    new PutRuleCommand({
      Name: 'tap',
      EventBusName: busName,
      EventPattern: JSON.stringify({ source: ['culprit.deploy'] }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'tap',
      EventBusName: busName,
      Targets: [{ Id: 'tap', Arn: attributes.Attributes?.QueueArn }],
    }),
  );
  return async () => {
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    return (received.Messages ?? []).map((message) => JSON.parse(message.Body ?? 'null') as unknown);
  };
}

function capture(): { io: { stdout: PassThrough; stderr: PassThrough }; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

beforeAll(async () => {
  moto = await startMotoServer();
  endpoint = moto.endpoint;
  process.env = { ...savedEnv, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: AWS.region };
  delete process.env.AWS_ENDPOINT_URL;
  delete process.env.AWS_ENDPOINT_URL_EVENTBRIDGE;
  delete process.env.CULPRIT_EVENT_BUS;
});

afterAll(async () => {
  process.env = { ...savedEnv };
  await moto.stop();
});

describe('culprit deploy record against EventBridge (moto)', () => {
  it('puts a culprit.deploy event on the culprit bus that the deploys normaliser reads back as the same deploy', async () => {
    const tap = await busWithTap('culprit');
    const program = new Command().exitOverride();
    registerDeployCommand(program);
    const written = await captureStdout(() =>
      program.parseAsync(
        [
          'deploy',
          'record',
          '--service',
          'checkout',
          '--version',
          'v1.4.2',
          '--commit',
          '9f3c2a1',
          '--description',
          'retry budget 3 -> 1',
          '--at',
          '2024-03-07T10:58:00Z',
          '--endpoint',
          endpoint,
        ],
        { from: 'user' },
      ),
    );
    const events = await tap();

    expect(process.exitCode).toBe(0);
    expect(written.join('')).toMatch(
      /^recorded deploy checkout:v1\.4\.2:1709809080000 of checkout v1\.4\.2 on event bus culprit \(event [0-9a-f-]+\)\n$/,
    );
    expect(events).toHaveLength(1);
    const outcome = normaliseDeployEvent(events[0], {});
    expect(outcome).toEqual({
      kind: 'deploy',
      deploy: {
        id: 'checkout:v1.4.2:1709809080000',
        service: 'checkout',
        version: 'v1.4.2',
        commit: '9f3c2a1',
        description: 'retry budget 3 -> 1',
        timestamp: Date.parse('2024-03-07T10:58:00Z'),
        source: 'ci',
      },
    });
    process.exitCode = undefined;
  });

  it('finds the endpoint through AWS_ENDPOINT_URL and sends to the bus --event-bus names', async () => {
    const tap = await busWithTap('culprit-staging');
    process.env.AWS_ENDPOINT_URL = endpoint;
    const { io, err } = capture();

    try {
      const code = await runDeployRecord({ service: 'search', version: '7', eventBus: 'culprit-staging' }, io);
      expect({ code, stderr: err() }).toEqual({ code: 0, stderr: '' });
    } finally {
      delete process.env.AWS_ENDPOINT_URL;
    }
    const events = await tap();

    expect(events).toEqual([
      expect.objectContaining({
        source: 'culprit.deploy',
        'detail-type': 'Culprit Deploy',
        detail: expect.objectContaining({ service: 'search', version: '7' }),
      }),
    ]);
  });

  it('says which bus refused the event and exits 1 when the bus does not exist', async () => {
    const { io, out, err } = capture();

    const code = await runDeployRecord({ service: 'search', version: '7', eventBus: 'no-such-bus', endpoint }, io);

    expect(code).toBe(1);
    expect(out()).toBe('');
    expect(err()).toMatch(/^culprit deploy record: could not put the deploy event on no-such-bus: .*no-such-bus/);
  });

  it('rejects unusable options before sending anything, naming each option, and exits 2', async () => {
    const tap = await busWithTap('culprit-untouched');
    const { io, err } = capture();

    const badTime = await runDeployRecord(
      { service: 'search', version: '7', at: 'yesterday', eventBus: 'culprit-untouched', endpoint },
      io,
    );
    const badFields = await runDeployRecord(
      { service: '', version: '', endpoint: 'not a url', eventBus: 'culprit-untouched' },
      io,
    );

    expect([badTime, badFields]).toEqual([2, 2]);
    expect(err().split('\n').filter(Boolean)).toEqual([
      'culprit deploy record: --at: not an ISO-8601 timestamp or epoch time: "yesterday"',
      'culprit deploy record: --service: must not be empty',
      'culprit deploy record: --version: must not be empty',
      'culprit deploy record: --endpoint: must be a URL such as http://127.0.0.1:4566',
    ]);
    expect(await tap()).toEqual([]);
  });
});
