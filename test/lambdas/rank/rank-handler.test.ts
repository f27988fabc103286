import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { sendAnomalyMessages } from '../../../lambdas/ingest/anomaly-sender';
import type { AnomalyMessage } from '../../../lambdas/core/pipeline';
import { drainQueue, peekAll, sqsRecord } from '../../e2e/support/lambda-events';
import {
  preparePipeline,
  startPipelineServers,
  type PipelineServers,
  type PipelineWorld,
} from '../../e2e/support/pipeline-world';
import { anomalyStream, shuffled } from './anomaly-stream';

let servers: PipelineServers;

beforeAll(async () => {
  servers = await startPipelineServers();
});

afterAll(async () => {
  await servers.stop();
});

const stream = anomalyStream();
const serviceMap = Object.fromEntries(stream.services.map((s) => [`/rank-test/${s}`, s]));

async function world(options: { maxReceiveCount?: number } = {}): Promise<PipelineWorld> {
  const w = await preparePipeline(servers, { serviceMap, ...options });
  await w.recordDeploys(stream.deploys);
  return w;
}

async function send(w: PipelineWorld, messages: readonly AnomalyMessage[]): Promise<void> {
  await sendAnomalyMessages({ sqs: servers.sqs.client, queueUrl: w.anomalyQueueUrl }, messages);
}

/** The verdicts of the incidents not superseded, comparable across runs. */
async function verdicts(w: PipelineWorld): Promise<Record<string, unknown>> {
  const items = await w.incidents(stream.timeline.start, stream.timeline.end);
  return Object.fromEntries(
    items
      .filter((item) => item.supersededBy === undefined)
      .map((item) => [
        item.verdict.incidentId,
        {
          anomalies: item.verdict.anomalies.map((a) => a.id).sort(),
          suspects: item.verdict.suspects.map((s) => [s.deployId, s.blamed, s.confidence]),
          unexplained: item.verdict.unexplained,
        },
      ])
      .sort(),
  );
}

async function tableContents(w: PipelineWorld): Promise<Record<string, unknown>[]> {
  const page = await servers.dynamo.documentClient.send(new ScanCommand({ TableName: w.tables.incidents }));
  return (page.Items ?? []).sort((a, b) =>
    `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`),
  );
}

let reference: Record<string, unknown>;

describe('the rank handler against DynamoDB (dynalite), SQS (fauxqs) and EventBridge (moto)', () => {
  beforeAll(async () => {
    const w = await world();
    await send(w, stream.messages);
    await w.runRank();
    reference = await verdicts(w);
  });

  it('ranks the scenario into at least one incident with a verdict', () => {
    expect(Object.keys(reference).length).toBeGreaterThan(0);
  });

  it('reports a malformed record as a batch item failure and handles the rest of the batch', async () => {
    const w = await world();
    await send(w, stream.messages.slice(0, 2));
    await servers.sqs.client.send(
      new SendMessageCommand({
        QueueUrl: w.anomalyQueueUrl,
        MessageBody: '{"type":"culprit.anomaly","version":1,"service":"x"}',
      }),
    );
    const received = await peekAll(servers.sqs.client, w.anomalyQueueUrl);
    const event = { Records: received.map((m) => sqsRecord(m, 'arn:aws:sqs:us-east-1:000000000000:anomalies')) };
    const bad = received.find((m) => (m.Body ?? '').includes('"service":"x"'))?.MessageId;

    const response = await w.rank(event);
    const stored = await tableContents(w);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: bad }] });
    expect(stored.filter((item) => String(item.pk).startsWith('anomalies#'))).toHaveLength(
      new Set(stream.messages.slice(0, 2).map((m) => m.anomaly.id)).size,
    );
  });

  it('changes nothing when every message is delivered again', async () => {
    const w = await world();
    await send(w, stream.messages);
    await w.runRank();
    const before = await tableContents(w);
    const eventsBefore = await w.bus.take();

    await send(w, stream.messages);
    await w.runRank();
    const after = await tableContents(w);
    const eventsAfter = await w.bus.take();

    expect(eventsBefore.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
    expect(eventsAfter).toEqual([]);
  });

  it('moves a poison message to the dead-letter queue after its receives and loses nothing else', async () => {
    const w = await world({ maxReceiveCount: 2 });
    const poison = 'this is not an anomaly message';
    await servers.sqs.client.send(new SendMessageCommand({ QueueUrl: w.anomalyQueueUrl, MessageBody: poison }));
    await send(w, stream.messages);

    const run = await w.runRank();
    const dead = await peekAll(servers.sqs.client, w.deadLetterQueueUrl);

    expect(run.failures).toBe(2);
    expect(dead.map((m) => m.Body)).toEqual([poison]);
    expect(await verdicts(w)).toEqual(reference);
  });

  it('reaches the same verdicts whatever order the messages come in, with three invocations running at once', async () => {
    const w = await world();
    await send(w, shuffled(stream.messages));

    await Promise.all([1, 2, 3].map(() => drainQueue(servers.sqs.client, w.anomalyQueueUrl, w.rank, { batchSize: 4 })));

    expect(await verdicts(w)).toEqual(reference);
  });

  it('replaces an incident by the earlier-starting one when its first anomalies arrive last, and says so', async () => {
    const w = await world();
    const latestFirst = [...stream.messages].sort((a, b) => b.anomaly.firstSeen - a.anomaly.firstSeen);
    await send(w, latestFirst);

    await w.runRank();
    const items = await w.incidents(stream.timeline.start, stream.timeline.end);
    const replaced = items.filter((item) => item.supersededBy !== undefined);
    const events = await w.bus.take();

    expect(await verdicts(w)).toEqual(reference);
    expect(replaced.length).toBeGreaterThan(0);
    // Following `supersededBy` from any replaced incident leads to a live one that starts earlier.
    for (const old of replaced) {
      let successor = old;
      for (let hops = 0; successor.supersededBy !== undefined && hops < items.length; hops++) {
        successor = items.find((item) => item.verdict.incidentId === successor.supersededBy) ?? successor;
      }
      expect({
        live: successor.supersededBy === undefined,
        startsEarlier: successor.verdict.start < old.verdict.start,
      }).toEqual({ live: true, startsEarlier: true });
    }
    expect(events.some((event) => (event.detail.supersedes as string[]).length > 0)).toBe(true);
  });

  it('refuses an event that is not an SQS event, naming the problem', async () => {
    const w = await world();

    await expect(
      w.rank({ Records: [{ eventSource: 'aws:kinesis', messageId: '1', body: '' }] } as never),
    ).rejects.toThrow('rank event is not an SQS event: Records.0.eventSource: Invalid input: expected "aws:sqs"');
  });
});
