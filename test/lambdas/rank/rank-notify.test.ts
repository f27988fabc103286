import { Logger } from '@aws-lambda-powertools/logger';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateStateMachineCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { executionName } from '../../../lambdas/core/notify';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { AnomalyMessage } from '../../../lambdas/core/pipeline';
import { sendAnomalyMessages } from '../../../lambdas/ingest/anomaly-sender';
import { createRankHandler } from '../../../lambdas/rank/create-rank-handler';
import { IncidentStore, type StoredIncident } from '../../../lambdas/rank/incident-store';
import { notifierFromEnv } from '../../../lambdas/rank/notifier-from-env';
import { TRIGGER_MIN_CONFIDENCE } from '../../../lambdas/notify/execution-trigger';
import { drainQueue, type DrainResult } from '../../e2e/support/lambda-events';
import {
  preparePipeline,
  startPipelineServers,
  type PipelineServers,
  type PipelineWorld,
} from '../../e2e/support/pipeline-world';
import { MOTO_CLIENT } from '../notify/aws-clients';
import { SlackStub, type RecordedRequest } from '../notify/slack-stub';
import { anomalyStream, fadingAnomaly } from './anomaly-stream';

const SECRET = 'culprit/slack-bot';
const CHANNEL = 'C0INCIDENTS';

let servers: PipelineServers;
let secrets: SecretsManagerClient;
let sfn: SFNClient;
const slack = new SlackStub();

beforeAll(async () => {
  servers = await startPipelineServers();
  await slack.start();
  secrets = new SecretsManagerClient({ ...MOTO_CLIENT, endpoint: servers.moto.endpoint });
  sfn = new SFNClient({ ...MOTO_CLIENT, endpoint: servers.moto.endpoint });
  await secrets.send(
    new CreateSecretCommand({
      Name: SECRET,
      SecretString: JSON.stringify({ token: 'xoxb-test-token', channel: CHANNEL }),
    }),
  );
});

afterAll(async () => {
  secrets.destroy();
  sfn.destroy();
  await slack.stop();
  await servers.stop();
});

beforeEach(() => {
  slack.reset();
});

const stream = anomalyStream();
const serviceMap = Object.fromEntries(stream.services.map((s) => [`/rank-test/${s}`, s]));

interface NotifyingWorld {
  readonly world: PipelineWorld;
  readonly rank: (event: SQSEvent) => Promise<SQSBatchResponse>;
  /** Sends every anomaly message (again) and plays the event source until the queue is empty. */
  deliverAll(): Promise<DrainResult>;
  /** Incidents not superseded, as the store reads them (Slack record included). */
  liveIncidents(): Promise<StoredIncident[]>;
}

/** A fresh pipeline whose rank handler notifies Slack (the stub) with the bot token from Secrets Manager (moto). */
async function notifyingWorld(
  options: {
    readonly slackAttempts?: number;
    readonly trigger?: { readonly stateMachineArn: string; readonly confidence: number };
  } = {},
): Promise<NotifyingWorld> {
  const world = await preparePipeline(servers, { serviceMap });
  const logger = new Logger({ serviceName: 'culprit-rank', logLevel: 'SILENT' });
  const notify = notifierFromEnv(
    {
      slackSecretName: SECRET,
      slackChannel: undefined,
      redactPatterns: [],
      triggerStateMachineArn: options.trigger?.stateMachineArn,
      triggerConfidence: options.trigger?.confidence ?? TRIGGER_MIN_CONFIDENCE,
      region: 'eu-west-1',
      serviceMap,
    },
    {
      secretsManager: () => secrets,
      stepFunctions: () => {
        if (options.trigger === undefined)
          throw new Error('no state machine is configured, so no Step Functions client may be built');
        return sfn;
      },
      // Back-off waits are not slept: the test checks what was sent, not how long it took.
      slackHttp: {
        apiBaseUrl: `${slack.baseUrl}/api`,
        sleep: async () => undefined,
        random: () => 0,
        ...(options.slackAttempts === undefined ? {} : { maxAttempts: options.slackAttempts }),
      },
    },
    logger,
  );
  if (notify === undefined) throw new Error('a Slack secret is configured, so a notifier is expected');
  const rank = createRankHandler({ ...world.rankDeps, notify });
  const store = new IncidentStore({
    client: servers.dynamo.documentClient,
    tableName: world.tables.incidents,
    ttlDays: 90,
  });
  return {
    world,
    rank,
    async deliverAll() {
      await sendAnomalyMessages({ sqs: servers.sqs.client, queueUrl: world.anomalyQueueUrl }, stream.messages);
      return drainQueue(servers.sqs.client, world.anomalyQueueUrl, rank);
    },
    async liveIncidents() {
      const items = await world.incidents(stream.timeline.start, stream.timeline.end);
      const live = items.filter((item) => item.supersededBy === undefined);
      const stored = await Promise.all(live.map((item) => store.get(item.verdict.start, item.verdict.incidentId)));
      return stored.filter((item): item is StoredIncident => item !== undefined);
    },
  };
}

/** Top-level messages (thread replies carry `thread_ts`). */
function posts(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.path === '/api/chat.postMessage' && r.body.thread_ts === undefined);
}

function updates(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.path === '/api/chat.update');
}

describe('the rank handler announcing verdicts in Slack (dynalite, fauxqs, moto Secrets Manager, a Slack stub on 127.0.0.1)', () => {
  it('posts the first verdict of each incident and keeps the message it posted with the incident', async () => {
    const n = await notifyingWorld();
    await n.world.recordDeploys(stream.deploys);

    const run = await n.deliverAll();
    const live = await n.liveIncidents();
    const channels = new Set(posts(slack.requests).map((r) => String(r.body.channel)));

    expect(run.failures).toBe(0);
    expect(live.length).toBeGreaterThan(0);
    expect(channels).toEqual(new Set([CHANNEL]));
    for (const incident of live) {
      expect(incident.slack).toEqual({
        notified: { blamed: incident.verdict.blamed, confidence: expect.any(Number), resolved: expect.any(Boolean) },
        thread: { channel: CHANNEL, ts: expect.stringMatching(/^\d+\.\d+$/) },
      });
    }
  });

  it('sends nothing to Slack when every message is delivered again and no verdict changed', async () => {
    const n = await notifyingWorld();
    await n.world.recordDeploys(stream.deploys);
    await n.deliverAll();
    const before = await n.liveIncidents();
    slack.reset();

    const run = await n.deliverAll();
    const after = await n.liveIncidents();

    expect(run.failures).toBe(0);
    expect(slack.requests).toEqual([]);
    expect(after.map((i) => i.slack)).toEqual(before.map((i) => i.slack));
  });

  it('updates the same message (chat.update with the stored ts) when the verdict changes materially', async () => {
    // First without deploys: no deploy explains the incidents. Then the deploys are recorded and the messages
    // delivered again: the better-informed verdicts blame one, a material change.
    const n = await notifyingWorld();
    await n.deliverAll();
    const before = await n.liveIncidents();
    const tsBefore = new Map(before.map((i) => [i.verdict.incidentId, i.slack?.thread?.ts]));
    await n.world.recordDeploys(stream.deploys);
    slack.reset();

    const run = await n.deliverAll();
    const after = await n.liveIncidents();
    const changed = after.filter((i) => i.verdict.blamed !== null && tsBefore.has(i.verdict.incidentId));

    expect(run.failures).toBe(0);
    expect(before.every((i) => i.verdict.blamed === null && i.slack?.notified.blamed === null)).toBe(true);
    expect(changed.length).toBeGreaterThan(0);
    for (const incident of changed) {
      const ts = tsBefore.get(incident.verdict.incidentId);
      expect(updates(slack.requests).filter((r) => r.body.ts === ts)).toHaveLength(1);
      expect(incident.slack).toEqual({
        notified: expect.objectContaining({ blamed: incident.verdict.blamed }),
        thread: { channel: CHANNEL, ts },
      });
    }
    // Only incidents that had no message yet get a new one.
    expect(posts(slack.requests)).toHaveLength(after.filter((i) => !tsBefore.has(i.verdict.incidentId)).length);
  });

  it('does not fail the batch when Slack answers 500, and notifies on a later delivery once Slack is back', async () => {
    // One attempt per call, and more 500s queued than the run makes calls: every Slack call of the first run fails.
    const n = await notifyingWorld({ slackAttempts: 1 });
    await n.world.recordDeploys(stream.deploys);
    slack.answerNext(...Array.from({ length: 5000 }, () => ({ status: 500, body: 'internal error' })));

    const failing = await n.deliverAll();
    const unnotified = await n.liveIncidents();
    const failedCalls = slack.requests.length;
    slack.reset();
    const recovered = await n.deliverAll();
    const notified = await n.liveIncidents();

    expect(failedCalls).toBeGreaterThan(0);
    expect(failing.failures).toBe(0);
    expect(unnotified.length).toBeGreaterThan(0);
    expect(unnotified.map((i) => i.slack)).toEqual(unnotified.map(() => undefined));
    expect(recovered.failures).toBe(0);
    expect(posts(slack.requests)).toHaveLength(notified.length);
    expect(notified.every((i) => i.slack?.thread !== undefined)).toBe(true);
  });

  it('starts the configured state machine once per blamed deploy of an incident, also when messages are delivered again', async () => {
    const definition = { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
    const machine = await sfn.send(
      new CreateStateMachineCommand({
        name: 'rank-rollback',
        definition: JSON.stringify(definition),
        roleArn: 'arn:aws:iam::123456789012:role/rollback',
      }),
    );
    const stateMachineArn = machine.stateMachineArn ?? '';
    // The blame threshold itself, so every blamed deploy is acted on.
    const n = await notifyingWorld({ trigger: { stateMachineArn, confidence: 0.5 } });
    await n.world.recordDeploys(stream.deploys);
    const executions = async (): Promise<string[]> =>
      ((await sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions ?? [])
        .map((e) => e.name ?? '')
        .sort();

    const run = await n.deliverAll();
    const started = await executions();
    await n.deliverAll();
    const startedAfterRedelivery = await executions();
    const blamed = (await n.liveIncidents()).filter((i) => i.verdict.blamed !== null);

    expect(run.failures).toBe(0);
    expect(blamed.length).toBeGreaterThan(0);
    expect(started).toEqual(
      expect.arrayContaining(blamed.map((i) => executionName(i.verdict.incidentId, i.verdict.blamed ?? ''))),
    );
    expect(startedAfterRedelivery).toEqual(started);
  });

  it("retracts the verdict's message of an incident it withdraws, once, also when the message is delivered again", async () => {
    // Prepare: an anomaly strong enough to start an incident alone, then its faded revision (too weak for any).
    const n = await notifyingWorld();
    const { strong, faded } = fadingAnomaly(stream);
    const queue = { sqs: servers.sqs.client, queueUrl: n.world.anomalyQueueUrl };
    const deliver = async (messages: AnomalyMessage[]) => {
      await sendAnomalyMessages(queue, messages);
      return drainQueue(servers.sqs.client, n.world.anomalyQueueUrl, n.rank);
    };
    await deliver([strong]);
    const announced = await n.liveIncidents();
    slack.reset();

    // Act
    const fading = await deliver([faded]);
    const retraction = [...slack.requests];
    slack.reset();
    await deliver([faded]);

    // Assess
    expect(fading.failures).toBe(0);
    expect(announced).toHaveLength(1);
    expect(retraction.map((r) => r.path)).toEqual(['/api/chat.update', '/api/chat.postMessage']);
    const [update, reply] = retraction;
    expect(update?.body).toMatchObject({
      channel: CHANNEL,
      ts: announced[0]?.slack?.thread?.ts,
      text: expect.stringMatching(/^Culprit: Withdrawn: (early )?verdict on /),
    });
    expect(reply?.body).toMatchObject({ thread_ts: update?.body.ts, text: update?.body.text });
    expect(slack.requests).toEqual([]);
    expect(await n.liveIncidents()).toEqual([]);
  }, 240_000);
});
