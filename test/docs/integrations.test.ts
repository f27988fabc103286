/**
 * docs/integrations.md as a CI engineer uses it: the `aws events put-events` command for any CI is run as written
 * (bash, jq, the AWS CLI) against moto_server's EventBridge, the IAM statements for the CI role are checked
 * against the calls the GitHub Action and the post-deploy gate script make, and the Slack secret forms against the
 * parser rank uses.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CULPRIT_DEPLOY_DETAIL_TYPE, CULPRIT_DEPLOY_SOURCE, normaliseDeployEvent } from '../../lambdas/core/deploys';
import { parseSlackSecret } from '../../lambdas/notify/slack-secret';
import { createEventBusTap } from '../e2e/support/event-bus-tap';
import { startMotoServer, type MotoServer } from '../e2e/support/moto-server';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const DOC = readFileSync(path.join(ROOT, 'docs', 'integrations.md'), 'utf8');

/** The fenced blocks of `lang` in the section under `heading` (up to the next heading). */
function blocksUnder(heading: string, lang: string): string[] {
  const start = DOC.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/integrations.md has no heading "${heading}"`);
  const rest = DOC.slice(start + heading.length + 2);
  const section = rest.slice(0, rest.search(/\n#{1,3} /) < 0 ? undefined : rest.search(/\n#{1,3} /));
  return [...section.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] ?? '');
}

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: string;
  readonly Condition?: Record<string, Record<string, string>>;
}

const actionsOf = (statements: readonly Statement[]): string[] =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();

describe('docs/integrations.md', () => {
  const iamBlocks = blocksUnder('### IAM for the CI role', 'json').map(
    // The gate's block lists two statements, as they would sit in a policy's Statement array.
    (block) => JSON.parse(`[${block}]`) as Statement[],
  );

  it('grants the CI role only PutEvents of culprit.deploy events, the one call the GitHub Action makes', () => {
    const action = readFileSync(path.join(ROOT, 'action', 'record-deploy.js'), 'utf8');
    const calls = [...action.matchAll(/\['events', '([a-z-]+)'/g)].map((m) => m[1]);

    expect(calls).toEqual(['put-events']);
    expect(iamBlocks[0]).toEqual([
      {
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: expect.stringMatching(/^arn:aws:events:[a-z0-9-]+:\d{12}:event-bus\/culprit$/),
        Condition: {
          StringEquals: { 'events:source': CULPRIT_DEPLOY_SOURCE, 'events:detail-type': CULPRIT_DEPLOY_DETAIL_TYPE },
        },
      },
    ]);
  });

  it('grants the post-deploy gate exactly the Step Functions calls its script makes', () => {
    const script = readFileSync(path.join(ROOT, 'examples', 'github-actions', 'verify-deploy.sh'), 'utf8');
    const pascal = (cli: string) => cli.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
    const calls = [
      ...new Set([...script.matchAll(/aws stepfunctions ([a-z-]+)/g)].map((m) => `states:${pascal(m[1] ?? '')}`)),
    ];

    expect(actionsOf(iamBlocks[1] ?? [])).toEqual(calls.sort());
  });

  it('lists the Slack secret forms rank accepts, each meaning what the table says', () => {
    const section = DOC.slice(DOC.indexOf('\n## Slack\n'), DOC.indexOf('\n## Verdict events'));
    const rows = [...section.matchAll(/^\| `([^`]+)`[^|]*\| ([^|]+?)\s+\|$/gm)].map((m) => ({
      // The table elides the credential with …; any value of the right shape stands in for it.
      value: (m[1] ?? '').replaceAll('…', '0abc'),
      meaning: m[2],
    }));

    const parsed = rows.map(({ value, meaning }) => ({ meaning, mode: parseSlackSecret(value, 'doc', 'C0').mode }));

    expect(parsed).toEqual([
      { meaning: 'incoming webhook', mode: 'webhook' },
      { meaning: 'incoming webhook', mode: 'webhook' },
      { meaning: 'bot token and the channel to post to (id or name)', mode: 'bot' },
      { meaning: 'bot token; the channel comes from `slackChannel`', mode: 'bot' },
    ]);
  });

  describe('the put-events command for any CI, run as written', () => {
    let moto: MotoServer;
    let home: string;

    beforeAll(async () => {
      moto = await startMotoServer();
      home = mkdtempSync(path.join(tmpdir(), 'culprit-doc-'));
    });

    afterAll(async () => {
      await moto?.stop();
      rmSync(home, { recursive: true, force: true });
    });

    it('puts a deploy event that the deploys function reads as the deploy it describes', async () => {
      // Prepare
      const tap = await createEventBusTap(moto.endpoint, 'culprit', CULPRIT_DEPLOY_SOURCE);
      const [command] = blocksUnder('### Any other CI', 'sh').filter((block) =>
        block.startsWith('aws events put-events'),
      );
      const before = Date.now();

      // Act
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', command ?? 'false'], {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_ENDPOINT_URL: moto.endpoint,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_DEFAULT_REGION: 'us-east-1',
          VERSION: 'v1.4.2',
          GIT_SHA: '9f3c2a1e0b7d',
          BUILD_URL: 'https://ci.example.com/checkout/builds/42',
        },
      });
      const events = await tap.take();

      // Assess
      expect(JSON.parse(stdout)).toMatchObject({ FailedEntryCount: 0 });
      expect(events).toHaveLength(1);
      const outcome = normaliseDeployEvent(events[0], {});
      expect(outcome).toMatchObject({
        kind: 'deploy',
        deploy: {
          service: 'checkout',
          version: 'v1.4.2',
          commit: '9f3c2a1e0b7d',
          url: 'https://ci.example.com/checkout/builds/42',
          id: expect.stringMatching(/^checkout:v1\.4\.2:\d{4}-\d{2}-\d{2}T/),
          source: 'ci',
        },
      });
      const timestamp = outcome.kind === 'deploy' ? outcome.deploy.timestamp : 0;
      // The command stamps the time in whole seconds.
      expect(timestamp).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(timestamp).toBeLessThanOrEqual(Date.now());
    });
  });
});
