/**
 * The rank Lambda path says whether a verdict is early evidence or firm: the `Culprit Verdict` event of an incident
 * first seen from young anomalies is provisional, a later event says when the verdict is firm, and a
 * `Culprit Verdict Withdrawn` event retracts one whose anomalies faded. Real local servers: DynamoDB (dynalite), SQS
 * (fauxqs) and EventBridge (moto), reached through a proxy that can cut the connection.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LOOPBACK_AWS } from '../deploys/local-dynamodb';
import { parseVerdictWithdrawnDetail, VERDICT_WITHDRAWN_EVENT } from '../../../lambdas/core/notify';
import { VERDICT_EVENT } from '../../../lambdas/core/pipeline';
import { createRankHandler } from '../../../lambdas/rank/create-rank-handler';
import { drainQueue } from '../../e2e/support/lambda-events';
import { startSwitchableProxy } from '../../e2e/support/switchable-proxy';
import { sendAnomalyMessages } from '../../../lambdas/ingest/anomaly-sender';
import type { AnomalyMessage } from '../../../lambdas/core/pipeline';
import { WITHDRAWN } from '../../../lambdas/rank/incident-store';
import { preparePipeline, startPipelineServers, type PipelineServers } from '../../e2e/support/pipeline-world';
import { anomalyStream, fadingAnomaly } from './anomaly-stream';

const schemaOf = (file: string): object =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../../../schemas', file), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schemaOf('verdict-event.schema.json'));
const validateWithdrawal = ajv.compile(schemaOf('verdict-withdrawn-event.schema.json'));

let servers: PipelineServers;

beforeAll(async () => {
  servers = await startPipelineServers();
});

afterAll(async () => {
  await servers.stop();
});

const stream = anomalyStream();
const serviceMap = Object.fromEntries(stream.services.map((s) => [`/rank-test/${s}`, s]));

/** The messages ingest would have sent by `time`: every anomaly as it stood then. */
function sentBy(time: number): AnomalyMessage[] {
  return stream.messages.filter((m) => m.anomaly.lastSeen <= time);
}

/** A pipeline whose rank reaches EventBridge through a proxy that can cut the connection (one attempt per call). */
async function pipelineWithCuttableBus(options: { readonly maxReceiveCount?: number } = {}) {
  const world = await preparePipeline(servers, { serviceMap, ...options });
  const proxy = await startSwitchableProxy(servers.moto.endpoint);
  const eventBridge = new EventBridgeClient({ ...LOOPBACK_AWS, endpoint: proxy.endpoint, maxAttempts: 1 });
  const rank = createRankHandler({ ...world.rankDeps, eventBridge });
  return {
    world,
    proxy,
    rank,
    /** Sends `messages` to the anomaly queue and plays the event source with `handler` until it is empty. */
    async deliver(messages: AnomalyMessage[], handler = rank) {
      await sendAnomalyMessages({ sqs: servers.sqs.client, queueUrl: world.anomalyQueueUrl }, messages);
      return drainQueue(servers.sqs.client, world.anomalyQueueUrl, handler);
    },
    async close() {
      eventBridge.destroy();
      await proxy.close();
    },
  };
}

describe('the rank handler on early and later evidence', () => {
  it('publishes a provisional verdict from young anomalies, then a firm one, each stating its nature', async () => {
    // Prepare: the first anomaly strong enough to start an incident, and the messages of its first two minutes.
    const w = await preparePipeline(servers, { serviceMap });
    await w.recordDeploys(stream.deploys);
    const onset = Math.min(...stream.messages.filter((m) => m.anomaly.score >= 0.2).map((m) => m.anomaly.firstSeen));
    const queue = { sqs: servers.sqs.client, queueUrl: w.anomalyQueueUrl };

    // Act
    await sendAnomalyMessages(queue, sentBy(onset + 2 * 60_000));
    await w.runRank();
    const early = await w.bus.take();
    await sendAnomalyMessages(queue, stream.messages);
    await w.runRank();
    const later = await w.bus.take();

    // Assess
    const startedEarly = early.filter((e) => e.detail.provisional === true).map((e) => e.detail.incidentId);
    expect(startedEarly.length).toBeGreaterThan(0);
    const firm = later.filter((e) => e.detail.provisional === false);
    expect(firm.map((e) => e.detail.incidentId)).toEqual(expect.arrayContaining(startedEarly));
    for (const event of [...early, ...later]) {
      expect(event.detail.nature).toBe('fault');
      expect(validate(event)).toBe(true);
    }
  }, 240_000);

  it('withdraws an incident whose young anomaly faded and announces it once, retried batch or not', async () => {
    // Prepare: the first anomaly strong enough to start an incident on its own, then a later revision of it that
    // faded (a two-line blip whose promised rate never came): too weak for any incident. Rank reaches EventBridge
    // through a proxy that is down for the faded message's first attempt, which fails after the withdrawal is
    // stored and before it is published: Lambda's retry of it must publish it, once.
    const p = await pipelineWithCuttableBus();
    const w = p.world;
    const { strong, faded } = fadingAnomaly(stream);
    const around = { from: strong.anomaly.firstSeen - 3_600_000, to: strong.anomaly.lastSeen + 3_600_000 };

    try {
      // Act
      await p.deliver([strong]);
      const before = await w.incidents(around.from, around.to);
      const announced = await w.bus.take();
      p.proxy.down();
      const fading = await p.deliver([faded], async (event) => {
        const response = await p.rank(event);
        p.proxy.up();
        return response;
      });
      const after = await w.incidents(around.from, around.to);
      const retracted = await w.bus.take();
      await p.deliver([faded, strong]);
      const again = await w.bus.take();

      // Assess
      expect(before.filter((item) => item.supersededBy === undefined)).toHaveLength(1);
      const incidentId = before[0]?.verdict.incidentId;
      expect(announced.map((e) => [e['detail-type'], e.detail.incidentId])).toEqual([
        [VERDICT_EVENT.detailType, incidentId],
      ]);
      expect(fading.failures).toBe(1);
      expect(after.filter((item) => item.supersededBy === undefined)).toEqual([]);
      expect(after.map((item) => item.supersededBy)).toEqual([WITHDRAWN]);
      expect(retracted.map((e) => [e.source, e['detail-type']])).toEqual([
        [VERDICT_WITHDRAWN_EVENT.source, VERDICT_WITHDRAWN_EVENT.detailType],
      ]);
      const [withdrawal] = retracted;
      expect(validateWithdrawal(withdrawal)).toBe(true);
      expect(parseVerdictWithdrawnDetail(withdrawal?.detail, 'the withdrawal on the bus')).toMatchObject({
        incidentId,
        reason: 'anomalies-faded',
        provisional: before[0]?.verdict.provisional,
        blamed: before[0]?.verdict.blamed === null ? null : { deployId: before[0]?.verdict.blamed },
      });
      expect(again).toEqual([]);
    } finally {
      await p.close();
    }
  }, 240_000);

  it('withdraws an incident whose verdict was never announced without a word', async () => {
    // Prepare: the incident is stored, but EventBridge is down for as long as the strong anomaly is retried (it goes
    // to the dead-letter queue), so its verdict is never published; then the anomaly fades.
    const p = await pipelineWithCuttableBus({ maxReceiveCount: 1 });
    const w = p.world;
    const { strong, faded } = fadingAnomaly(stream);
    const around = { from: strong.anomaly.firstSeen - 3_600_000, to: strong.anomaly.lastSeen + 3_600_000 };

    try {
      // Act
      p.proxy.down();
      const unannounced = await p.deliver([strong]);
      p.proxy.up();
      const fading = await p.deliver([faded]);
      const after = await w.incidents(around.from, around.to);

      // Assess
      expect(unannounced.failures).toBe(1);
      expect(fading.failures).toBe(0);
      expect(after.map((item) => [item.supersededBy, item.publishedKey])).toEqual([[WITHDRAWN, undefined]]);
      expect(await w.bus.take()).toEqual([]);
    } finally {
      await p.close();
    }
  }, 240_000);
});
