import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createRedactor } from '../../../lambdas/core/notify';
import { SecretCache, SlackHttp, SlackNotifier, type SlackRecord } from '../../../lambdas/notify';
import { startMotoServer, type MotoServer } from '../../e2e/support/moto-server';
import { anomaly, suspect, verdict } from '../../core/notify/verdict-factory';
import { countCommands, MOTO_CLIENT, recordingLogger } from './aws-clients';
import { SlackStub } from './slack-stub';

describe('SlackNotifier against a local Slack stand-in, secrets on moto_server', () => {
  let moto: MotoServer;
  let secretsClient: SecretsManagerClient;
  let secretCalls: Map<string, number>;
  const slack = new SlackStub();
  let sleeps: number[];

  beforeAll(async () => {
    moto = await startMotoServer();
    await slack.start();
    secretsClient = new SecretsManagerClient({ ...MOTO_CLIENT, endpoint: moto.endpoint });
    secretCalls = countCommands(secretsClient);
    await secretsClient.send(
      new CreateSecretCommand({
        Name: 'culprit/slack-bot',
        SecretString: JSON.stringify({ token: 'xoxb-test-token', channel: 'C0INCIDENTS' }),
      }),
    );
    await secretsClient.send(
      new CreateSecretCommand({ Name: 'culprit/slack-webhook', SecretString: `${slack.baseUrl}/hooks/T000/B000/XXXX` }),
    );
  });

  afterAll(async () => {
    secretsClient?.destroy();
    await slack.stop();
    await moto?.stop();
  });

  beforeEach(() => {
    slack.reset();
    secretCalls.clear();
    sleeps = [];
  });

  function notifier(secretId: string, logger = recordingLogger()): SlackNotifier {
    // The waits are recorded rather than slept: the test checks what was asked, not how long it took.
    const http = new SlackHttp({
      apiBaseUrl: `${slack.baseUrl}/api`,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 1,
    });
    return new SlackNotifier({
      secrets: new SecretCache(secretsClient),
      secretId,
      http,
      message: { region: 'eu-west-1', logGroupsOf: (s) => [`/ecs/${s}`], redact: createRedactor(['tenant-[a-z]+']) },
      logger,
    });
  }

  it('posts one Block Kit message with the bot token, then the details as a thread reply', async () => {
    const result = await notifier('culprit/slack-bot').notify(verdict(), undefined);

    expect(result).toMatchObject({
      status: 'posted',
      record: { thread: { channel: 'C0INCIDENTS', ts: expect.stringMatching(/^\d+\.\d+$/) } },
    });
    const [post, reply] = slack.requests;
    expect(slack.requests).toHaveLength(2);
    expect(post?.path).toBe('/api/chat.postMessage');
    expect(post?.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(post?.body).toMatchObject({
      channel: 'C0INCIDENTS',
      text: 'Culprit: checkout v1.4.2 3f9c2a1b7d4e is the likely cause (82%)',
      blocks: expect.arrayContaining([
        {
          type: 'header',
          text: { type: 'plain_text', text: 'Culprit: checkout v1.4.2 3f9c2a1b7d4e is the likely cause (82%)' },
        },
      ]),
    });
    const ts = result.status === 'posted' ? result.record.thread?.ts : undefined;
    expect(reply?.body).toMatchObject({ channel: 'C0INCIDENTS', thread_ts: ts });
  });

  it('updates the same message in place with chat.update when another deploy is blamed', async () => {
    const slackNotifier = notifier('culprit/slack-bot');
    const first = await slackNotifier.notify(verdict(), undefined);
    const previous = (first as { record: SlackRecord }).record;
    slack.reset();
    const changed = verdict({
      suspects: [
        suspect({ blamed: false, confidence: 0.2 }),
        suspect({ deployId: 'ecs:payments:7', service: 'payments', version: 'v88', confidence: 0.7 }),
      ],
      blamed: 'ecs:payments:7',
    });

    const second = await slackNotifier.notify(changed, previous);

    expect(second).toMatchObject({
      status: 'updated',
      reason: 'blamed deploy changed from codedeploy:d-ABC123 to ecs:payments:7',
      record: { thread: previous.thread },
    });
    expect(slack.requests.map((r) => r.path)).toEqual(['/api/chat.update', '/api/chat.postMessage']);
    expect(slack.requests[0]?.body).toMatchObject({
      channel: previous.thread?.channel,
      ts: previous.thread?.ts,
      text: 'Culprit: payments v88 3f9c2a1b7d4e is the likely cause (70%)',
    });
    expect(slack.requests[1]?.body).toMatchObject({ thread_ts: previous.thread?.ts });
  });

  it('sends nothing when the verdict has not changed materially', async () => {
    const previous: SlackRecord = {
      notified: { blamed: 'codedeploy:d-ABC123', confidence: 0.75, resolved: false },
      thread: { channel: 'C0INCIDENTS', ts: '1.2' },
    };

    const result = await notifier('culprit/slack-bot').notify(verdict(), previous);

    expect(result).toEqual({ status: 'skipped', reason: 'no material change' });
    expect(slack.requests).toHaveLength(0);
  });

  it('posts a message again when the one to update was deleted', async () => {
    slack.answerNext({ status: 200, body: { ok: false, error: 'message_not_found' } });
    const previous: SlackRecord = {
      notified: { blamed: 'someone-else', confidence: 0.9, resolved: false },
      thread: { channel: 'C0INCIDENTS', ts: '1.2' },
    };

    const result = await notifier('culprit/slack-bot').notify(verdict(), previous);

    expect(result.status).toBe('posted');
    expect(slack.requests.map((r) => r.path)).toEqual([
      '/api/chat.update',
      '/api/chat.postMessage',
      '/api/chat.postMessage',
    ]);
  });

  it('posts to the incoming webhook with redaction applied to everything sent', async () => {
    const leaky = verdict({
      suspects: [
        suspect({ author: 'alice@example.com', description: 'x', url: 'https://ci:hunter2@ci.example.com/runs/42' }),
      ],
      anomalies: [anomaly({ template: 'auth for tenant-acme with AKIAIOSFODNN7EXAMPLE failed' })],
    });

    const result = await notifier('culprit/slack-webhook').notify(leaky, undefined);

    expect(result).toMatchObject({ status: 'posted', record: { notified: { blamed: 'codedeploy:d-ABC123' } } });
    expect(slack.requests).toHaveLength(1);
    expect(slack.requests[0]?.path).toBe('/hooks/T000/B000/XXXX');
    const sent = JSON.stringify(slack.requests[0]?.body);
    expect(sent).not.toMatch(/alice@example\.com|hunter2|tenant-acme|AKIAIOSFODNN7EXAMPLE/);
    expect(sent).toContain('auth for [REDACTED] with [REDACTED:aws-access-key] failed');
  });

  it("replaces the verdict's message by the withdrawal and replies it in the thread, recording that it was sent", async () => {
    const slackNotifier = notifier('culprit/slack-bot');
    const early = verdict({ provisional: true });
    const first = await slackNotifier.notify(early, undefined);
    const previous = (first as { record: SlackRecord }).record;
    slack.reset();

    const result = await slackNotifier.withdraw(early, previous, 'anomalies-faded');

    expect(result).toEqual({
      status: 'updated',
      reason: 'verdict withdrawn',
      record: { notified: { ...previous.notified, withdrawn: true }, thread: previous.thread },
    });
    expect(slack.requests.map((r) => r.path)).toEqual(['/api/chat.update', '/api/chat.postMessage']);
    const [update, reply] = slack.requests;
    const headline = 'Culprit: Withdrawn: early verdict on checkout v1.4.2 3f9c2a1b7d4e';
    expect(update?.body).toMatchObject({ channel: previous.thread?.channel, ts: previous.thread?.ts, text: headline });
    expect(reply?.body).toMatchObject({ thread_ts: previous.thread?.ts, text: headline });
  });

  it('sends no withdrawal for an incident Slack was never told about, nor a second one', async () => {
    const slackNotifier = notifier('culprit/slack-bot');
    const told: SlackRecord = {
      notified: { blamed: 'codedeploy:d-ABC123', confidence: 0.82, resolved: false, withdrawn: true },
      thread: { channel: 'C0INCIDENTS', ts: '1.2' },
    };

    const never = await slackNotifier.withdraw(verdict(), undefined, 'anomalies-faded');
    const again = await slackNotifier.withdraw(verdict(), told, 'anomalies-faded');

    expect(never).toEqual({ status: 'skipped', reason: 'no verdict of the incident was sent to Slack' });
    expect(again).toEqual({ status: 'skipped', reason: 'the withdrawal was sent already' });
    expect(slack.requests).toHaveLength(0);
  });

  it('posts the withdrawal as a new message through a webhook, which cannot edit', async () => {
    const previous: SlackRecord = { notified: { blamed: 'codedeploy:d-ABC123', confidence: 0.82, resolved: false } };

    const result = await notifier('culprit/slack-webhook').withdraw(
      verdict({ provisional: true }),
      previous,
      'anomalies-faded',
    );

    expect(result).toMatchObject({ status: 'updated', record: { notified: { withdrawn: true } } });
    expect(slack.requests.map((r) => r.path)).toEqual(['/hooks/T000/B000/XXXX']);
    expect(slack.requests[0]?.body).toMatchObject({
      text: 'Culprit: Withdrawn: early verdict on checkout v1.4.2 3f9c2a1b7d4e',
    });
  });

  it('reads the Slack secret once for many notifications', async () => {
    const slackNotifier = notifier('culprit/slack-webhook');

    await slackNotifier.notify(verdict({ incidentId: 'inc-a' }), undefined);
    await slackNotifier.notify(verdict({ incidentId: 'inc-b' }), undefined);

    expect(slack.requests).toHaveLength(2);
    expect(secretCalls.get('GetSecretValueCommand')).toBe(1);
  });

  it('waits the Retry-After a 429 names, then succeeds', async () => {
    slack.answerNext({ status: 429, headers: { 'retry-after': '3' }, body: { ok: false, error: 'ratelimited' } });

    const result = await notifier('culprit/slack-webhook').notify(verdict(), undefined);

    expect(result.status).toBe('posted');
    expect(sleeps).toEqual([3000]);
    expect(slack.requests).toHaveLength(2);
  });

  it('backs off exponentially on 5xx and succeeds when Slack recovers', async () => {
    slack.answerNext({ status: 500, body: 'oops' }, { status: 503, body: 'oops' });

    const result = await notifier('culprit/slack-bot').notify(verdict(), undefined);

    expect(result.status).toBe('posted');
    expect(sleeps).toEqual([500, 1000]);
  });

  it('gives up after the bounded attempts, logs and returns the failure without throwing', async () => {
    const logger = recordingLogger();
    slack.answerNext(...Array.from({ length: 4 }, () => ({ status: 500, body: 'down' })));

    const result = await notifier('culprit/slack-webhook', logger).notify(verdict(), undefined);

    expect(result).toEqual({ status: 'failed', reason: 'post', error: 'down (HTTP 500) after 4 attempt(s)' });
    expect(slack.requests).toHaveLength(4);
    expect(logger.entries.filter((e) => e.level === 'error').map((e) => e.message)).toEqual([
      'Slack notification failed',
    ]);
  });

  it('returns a failure for a secret that does not exist, without throwing', async () => {
    const result = await notifier('culprit/nope').notify(verdict(), undefined);

    expect(result).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/SecretUnavailableError: secret culprit\/nope/),
    });
  });
});
