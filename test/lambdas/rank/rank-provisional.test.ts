/**
 * The rank Lambda path says whether a verdict is early evidence or firm: the `Culprit Verdict` event of an incident
 * first seen from young anomalies is provisional, and a later event says when the verdict is firm. Real local
 * servers: DynamoDB (dynalite), SQS (fauxqs) and EventBridge (moto).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { sendAnomalyMessages } from '../../../lambdas/ingest/anomaly-sender';
import type { AnomalyMessage } from '../../../lambdas/core/pipeline';
import { WITHDRAWN } from '../../../lambdas/rank/incident-store';
import { preparePipeline, startPipelineServers, type PipelineServers } from '../../e2e/support/pipeline-world';
import { anomalyStream } from './anomaly-stream';

const schema = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../schemas/verdict-event.schema.json'), 'utf8'),
) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

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

  it('withdraws an incident whose young anomaly faded, so no incident stands where the CLI would report none', async () => {
    // Prepare: the first anomaly strong enough to start an incident on its own, then a later revision of it that
    // faded (a two-line blip whose promised rate never came): too weak for any incident.
    const w = await preparePipeline(servers, { serviceMap });
    const strong = stream.messages.find((m) => m.anomaly.score >= 0.35);
    if (strong === undefined) throw new Error('the stream has no anomaly strong enough to start an incident');
    const faded: AnomalyMessage = {
      ...strong,
      revision: strong.revision + 1,
      anomaly: { ...strong.anomaly, score: 0.01, active: false },
    };
    const queue = { sqs: servers.sqs.client, queueUrl: w.anomalyQueueUrl };
    const around = { from: strong.anomaly.firstSeen - 3_600_000, to: strong.anomaly.lastSeen + 3_600_000 };

    // Act
    await sendAnomalyMessages(queue, [strong]);
    await w.runRank();
    const before = await w.incidents(around.from, around.to);
    await sendAnomalyMessages(queue, [faded]);
    await w.runRank();
    const after = await w.incidents(around.from, around.to);

    // Assess
    expect(before.filter((item) => item.supersededBy === undefined)).toHaveLength(1);
    expect(after.filter((item) => item.supersededBy === undefined)).toEqual([]);
    expect(after.map((item) => item.supersededBy)).toEqual([WITHDRAWN]);
  }, 240_000);
});
