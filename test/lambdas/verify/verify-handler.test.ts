import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { InvalidInputError } from '../../../lambdas/core/errors';
import { createVerifyHandler, readLogEvents } from '../../../lambdas/verify';
import { startMotoServer, type MotoServer } from '../../e2e/support/moto-server';
import { countCommands, MOTO_CLIENT, recordingLogger } from '../notify/aws-clients';
import { apacheErrors, merged, MINUTE, steadyHdfs, type TimedLine } from './verify-lines';

// CloudWatch Logs (and moto) refuse events older than 14 days: this deploy happened 40 minutes ago.
const DEPLOY_TIME = Math.floor(Date.now() / MINUTE) * MINUTE - 40 * MINUTE;

/** CloudWatch Logs on moto_server, filled by the test with real loghub lines around a deploy. */
describe('the verify Lambda against CloudWatch Logs on moto_server', () => {
  let moto: MotoServer;
  let logs: CloudWatchLogsClient;
  const now = () => DEPLOY_TIME + 40 * MINUTE;

  async function writeLog(logGroupName: string, lines: TimedLine[], stream = 'web-1'): Promise<void> {
    await logs.send(new CreateLogGroupCommand({ logGroupName })).catch((error: Error) => {
      if (error.name !== 'ResourceAlreadyExistsException') throw error;
    });
    await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: stream }));
    // PutLogEvents takes at most 10,000 events per call.
    for (let i = 0; i < lines.length; i += 5000) {
      await logs.send(
        new PutLogEventsCommand({ logGroupName, logStreamName: stream, logEvents: lines.slice(i, i + 5000) }),
      );
    }
  }

  beforeAll(async () => {
    moto = await startMotoServer();
    logs = new CloudWatchLogsClient({ ...MOTO_CLIENT, endpoint: moto.endpoint });
    const steady = steadyHdfs(DEPLOY_TIME - 30 * MINUTE, DEPLOY_TIME + 30 * MINUTE, 2000);
    await writeLog('/ecs/healthy', steady);
    await writeLog(
      '/ecs/broken',
      merged(steady, apacheErrors(DEPLOY_TIME + 2 * MINUTE, DEPLOY_TIME + 30 * MINUTE, 5000)),
    );
    // New errors that quote a credential: the answer (logged by the state machine) must not.
    const leaky = apacheErrors(DEPLOY_TIME + 2 * MINUTE, DEPLOY_TIME + 30 * MINUTE, 5000).map((line) => ({
      ...line,
      message: '[error] login to the admin console failed password=hunterTwo',
    }));
    await writeLog('/ecs/leaky', merged(steady, leaky));
    // One service, two log groups: its lines split across them.
    await writeLog(
      '/ecs/split-a',
      steady.filter((_, i) => i % 2 === 0),
    );
    await writeLog(
      '/ecs/split-b',
      steady.filter((_, i) => i % 2 === 1),
    );
  });

  afterAll(async () => {
    logs?.destroy();
    await moto?.stop();
  });

  it('answers healthy for a deploy whose service logs the same templates before and after', async () => {
    const handler = createVerifyHandler({ logs, logger: recordingLogger(), now });

    const result = await handler({
      service: 'checkout',
      deployTime: new Date(DEPLOY_TIME).toISOString(),
      logGroup: '/ecs/healthy',
    });

    expect(result).toMatchObject({ verdict: 'healthy', confidence: 1, linesBefore: 900, linesAfter: 900 });
  });

  it('answers suspect, with the new error template as evidence, for a deploy followed by new errors', async () => {
    const handler = createVerifyHandler({ logs, logger: recordingLogger(), now });

    const result = await handler({
      service: 'checkout',
      deployTime: DEPLOY_TIME,
      logGroups: ['/ecs/broken'],
      windowMinutes: 30,
    });

    expect(result.verdict).toBe('suspect');
    expect(result.confidence).toBeGreaterThan(0.9);
    expect(result.evidence.join('\n')).toMatch(/new error template "mod_jk child workerEnv in error state <NUM>"/);
  });

  it('redacts secrets the evidence quotes, since the state machine logs its execution data', async () => {
    const handler = createVerifyHandler({ logs, logger: recordingLogger(), now });

    const result = await handler({ service: 'checkout', deployTime: DEPLOY_TIME, logGroup: '/ecs/leaky' });

    expect(result.verdict).toBe('suspect');
    expect(result.evidence.join('\n')).toContain('password=[REDACTED]');
    expect(JSON.stringify(result)).not.toContain('hunterTwo');
  });

  it('reads every page of every log group, in time order', async () => {
    const calls = countCommands(logs);

    const read = await readLogEvents(
      logs,
      ['/ecs/split-a', '/ecs/split-b'],
      'checkout',
      { from: DEPLOY_TIME - 30 * MINUTE, to: DEPLOY_TIME + 30 * MINUTE },
      { pageSize: 250 },
    );

    expect(read.events).toHaveLength(1800);
    expect(calls.get('FilterLogEventsCommand')).toBe(8);
    expect(read.events.every((e, i, all) => i === 0 || (all[i - 1]?.timestamp ?? 0) <= e.timestamp)).toBe(true);
    expect(read.truncated).toBe(false);
  });

  it('backs off and retries when CloudWatch Logs throttles, then reads everything', async () => {
    const throttled = new CloudWatchLogsClient({ ...MOTO_CLIENT, endpoint: moto.endpoint, maxAttempts: 1 });
    let refusals = 2;
    // Throttling as the SDK surfaces it (an error named ThrottlingException); later calls reach moto.
    throttled.middlewareStack.add(
      (next) => async (args) => {
        if (refusals-- > 0) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        return next(args);
      },
      { step: 'initialize', name: 'throttleFirstCalls' },
    );
    const waits: number[] = [];

    const read = await readLogEvents(
      throttled,
      ['/ecs/healthy'],
      'checkout',
      { from: DEPLOY_TIME - 30 * MINUTE, to: DEPLOY_TIME + 30 * MINUTE },
      { sleep: async (ms) => void waits.push(ms) },
    );

    expect(read.events).toHaveLength(1800);
    expect(waits).toEqual([250, 500]);
    throttled.destroy();
  });

  it('rejects a request without a log group instead of judging nothing', async () => {
    const handler = createVerifyHandler({ logs, logger: recordingLogger(), now });

    await expect(handler({ service: 'checkout', deployTime: DEPLOY_TIME })).rejects.toThrow(InvalidInputError);
  });
});
