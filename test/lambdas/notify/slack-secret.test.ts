import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { InvalidInputError } from '../../../lambdas/core/errors';
import { createRedactor } from '../../../lambdas/core/notify';
import { parseSlackSecret, SecretCache, SlackHttp, SlackNotifier } from '../../../lambdas/notify';
import { startMotoServer, type MotoServer } from '../../e2e/support/moto-server';
import { verdict } from '../../core/notify/verdict-factory';
import { MOTO_CLIENT, recordingLogger } from './aws-clients';
import { SlackStub } from './slack-stub';

/** The secret part of a webhook path: what must never appear in a log or an error. */
const HOOK_SECRET = ['q8R9s0T1u2V3', 'w4X5y6Z7a8B9'].join('');

/** Malformed values a person might paste into the secret, each with the problem the error must name. */
const MALFORMED: ReadonlyArray<readonly [what: string, value: string, problem: RegExp]> = [
  ['a URL with a bad port', `https://hooks.slack.com:44x/services/T0/B0/${HOOK_SECRET}`, /does not parse as a URL/],
  ['a URL split by a line break', `https://hooks.slack.com/services/T0/B0/${HOOK_SECRET}\nhttps://x`, /line break/],
  ['a plain-HTTP URL', `http://hooks.slack.com/services/T0/B0/${HOOK_SECRET}`, /must use https/],
  ['JSON with a broken URL', JSON.stringify({ webhookUrl: `https//hooks.slack.com/${HOOK_SECRET}` }), /webhookUrl/],
  ['JSON with a token holding a space', JSON.stringify({ token: `xoxb-1 ${HOOK_SECRET}`, channel: 'C1' }), /token/],
  ['neither URL, token nor JSON', `hooks.slack.com/services/${HOOK_SECRET}`, /neither a URL, a token nor JSON/],
];

describe('parseSlackSecret', () => {
  it.each(MALFORMED)('refuses %s, naming the secret id and the problem but not the value', (_what, value, problem) => {
    let error: unknown;
    try {
      parseSlackSecret(value, 'culprit/slack');
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(InvalidInputError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Slack secret culprit\/slack: /);
    expect(message).toMatch(problem);
    expect(message).not.toContain(HOOK_SECRET);
    expect(JSON.stringify((error as Error).cause ?? null)).not.toContain(HOOK_SECRET);
  });

  it('accepts an HTTPS webhook URL, a JSON webhook and a bot token with its channel', () => {
    const url = `https://hooks.slack.com/services/T0/B0/${HOOK_SECRET}`;

    expect(parseSlackSecret(` ${url}\n`, 's')).toEqual({ mode: 'webhook', url });
    expect(parseSlackSecret(JSON.stringify({ webhookUrl: url }), 's')).toEqual({ mode: 'webhook', url });
    expect(parseSlackSecret('xoxb-1-2-abc', 's', 'C1')).toEqual({ mode: 'bot', token: 'xoxb-1-2-abc', channel: 'C1' });
  });
});

describe('a malformed Slack secret on moto_server', () => {
  let moto: MotoServer;
  let secrets: SecretsManagerClient;
  const slack = new SlackStub();

  beforeAll(async () => {
    moto = await startMotoServer();
    await slack.start();
    secrets = new SecretsManagerClient({ ...MOTO_CLIENT, endpoint: moto.endpoint });
    await secrets.send(
      new CreateSecretCommand({
        Name: 'culprit/slack-malformed',
        SecretString: `https://hooks.slack.com:44x/services/T0/B0/${HOOK_SECRET}`,
      }),
    );
  });

  afterAll(async () => {
    secrets?.destroy();
    await slack.stop();
    await moto?.stop();
  });

  it('fails the notification at once: no request, no retry, and no log line holding the secret', async () => {
    const logger = recordingLogger();
    const sleeps: number[] = [];
    const notifier = new SlackNotifier({
      secrets: new SecretCache(secrets),
      secretId: 'culprit/slack-malformed',
      http: new SlackHttp({ apiBaseUrl: `${slack.baseUrl}/api`, sleep: async (ms) => void sleeps.push(ms) }),
      message: { region: 'eu-west-1', logGroupsOf: () => [], redact: createRedactor() },
      logger,
    });

    const result = await notifier.notify(verdict(), undefined);

    expect(result).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/Slack secret culprit\/slack-malformed: .*does not parse as a URL/),
    });
    expect(sleeps).toEqual([]);
    expect(slack.requests).toHaveLength(0);
    expect(logger.entries.filter((entry) => entry.level === 'error')).toHaveLength(1);
    expect(JSON.stringify(logger.entries)).not.toContain(HOOK_SECRET);
    expect(JSON.stringify(result)).not.toContain(HOOK_SECRET);
  });
});

describe('SlackHttp', () => {
  it('refuses a URL that does not parse without retrying or quoting it', async () => {
    const sleeps: number[] = [];
    const http = new SlackHttp({ sleep: async (ms) => void sleeps.push(ms) });

    const result = await http.postWebhook(`https://hooks.slack.com:44x/services/${HOOK_SECRET}`, {
      text: 'x',
      blocks: [],
    });

    expect(result).toEqual({ ok: false, attempts: 0, error: 'the URL does not parse; not sent' });
    expect(sleeps).toEqual([]);
  });
});
