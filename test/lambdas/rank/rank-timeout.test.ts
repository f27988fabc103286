import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createRankHandler } from '../../../lambdas/rank/create-rank-handler';
import { sendAnomalyMessages } from '../../../lambdas/ingest/anomaly-sender';
import { sqsRecord } from '../../e2e/support/lambda-events';
import {
  preparePipeline,
  startPipelineServers,
  type PipelineServers,
  type PipelineWorld,
} from '../../e2e/support/pipeline-world';
import { LOOPBACK_AWS } from '../deploys/local-dynamodb';
import { anomalyStream } from './anomaly-stream';

let servers: PipelineServers;

beforeAll(async () => {
  servers = await startPipelineServers();
});

afterAll(async () => {
  await servers.stop();
});

const stream = anomalyStream();
const serviceMap = Object.fromEntries(stream.services.map((s) => [`/rank-test/${s}`, s]));
const BATCH_SIZE = 10;

async function world(): Promise<PipelineWorld> {
  const w = await preparePipeline(servers, { serviceMap, visibilityTimeoutSeconds: 1 });
  await w.recordDeploys(stream.deploys);
  await sendAnomalyMessages({ sqs: servers.sqs.client, queueUrl: w.anomalyQueueUrl }, stream.messages);
  return w;
}

interface StoppingClient {
  readonly documentClient: DynamoDBDocumentClient;
  /** Writes that reached dynalite. */
  readonly written: () => number;
  /** Resolves when a write is held back for good. */
  readonly stopped: Promise<void>;
}

/**
 * A DynamoDB client on the same dynalite whose write after the first `writes` never returns: the invocation
 * stops there as one does when Lambda's timeout ends it (what it wrote stays written, nothing after runs).
 */
function stoppingAfter(writes: number): StoppingClient {
  const client = new DynamoDBClient({ ...LOOPBACK_AWS, endpoint: servers.dynamo.endpoint });
  let written = 0;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (/^(Put|Update|Delete)Item/.test(context.commandName ?? '')) {
        if (written >= writes) {
          stop();
          return new Promise<never>(() => undefined);
        }
        written += 1;
      }
      return next(args);
    },
    { step: 'initialize', name: 'stopAfterWrites' },
  );
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { documentClient, written: () => written, stopped };
}

/** Hands the first batch of the queue to a rank function using `documentClient`; what it returns, if it does. */
async function rankFirstBatch(w: PipelineWorld, documentClient: DynamoDBDocumentClient): Promise<Promise<unknown>> {
  const rank = createRankHandler({ ...w.rankDeps, documentClient });
  const batch = await servers.sqs.client.send(
    new ReceiveMessageCommand({ QueueUrl: w.anomalyQueueUrl, MaxNumberOfMessages: BATCH_SIZE }),
  );
  const arn = `arn:aws:sqs:us-east-1:000000000000:${w.anomalyQueueUrl.split('/').pop() ?? ''}`;
  return rank({ Records: (batch.Messages ?? []).map((m) => sqsRecord(m, arn)) });
}

/** The verdicts of the live incidents, comparable across runs. */
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
          published: item.publishedKey === item.verdictKey,
        },
      ])
      .sort(),
  );
}

/** Verdict events published more than once with the same content. */
function repeats(events: readonly { detail: Record<string, unknown> }[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const event of events) {
    const text = JSON.stringify(event.detail);
    if (seen.has(text)) repeated.push(text);
    seen.add(text);
  }
  return repeated;
}

let reference: Record<string, unknown>;
/** DynamoDB writes of the first batch when nothing stops it. */
let batchWrites: number;

describe('the rank function stopped by its timeout in the middle of a batch', () => {
  beforeAll(async () => {
    const w = await world();
    const counting = stoppingAfter(Number.POSITIVE_INFINITY);
    await rankFirstBatch(w, counting.documentClient);
    batchWrites = counting.written();
    await w.runRank({ batchSize: BATCH_SIZE });
    reference = await verdicts(w);
  }, 120_000);

  it.each([
    ['its first write', () => 1],
    ['half its writes', () => Math.floor(batchWrites / 2)],
    ['all but its last write', () => batchWrites - 1],
  ])(
    'reaches the same verdicts when the batch is retried after %s, with no incident or verdict event twice',
    async (_, writes) => {
      // Prepare: the first batch goes to an invocation that stops after some of its DynamoDB writes.
      const w = await world();
      const interrupted = stoppingAfter(writes());

      // Act: the invocation never answers, so its messages come back after their visibility timeout.
      void rankFirstBatch(w, interrupted.documentClient);
      await interrupted.stopped;
      await w.runRank({ batchSize: BATCH_SIZE });
      const items = await w.incidents(stream.timeline.start, stream.timeline.end);
      const events = await w.bus.take();

      // Assess
      expect(interrupted.written()).toBe(writes());
      expect(await verdicts(w)).toEqual(reference);
      expect(new Set(items.map((item) => item.verdict.incidentId)).size).toBe(items.length);
      expect(events.length).toBeGreaterThan(0);
      expect(repeats(events)).toEqual([]);
    },
    120_000,
  );
});
