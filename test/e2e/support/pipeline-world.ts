import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Deploy } from '../../../lambdas/core/schemas';
import { incidentKey, incidentPartition, type Verdict } from '../../../lambdas/core/pipeline';
import { createIngestHandler, type IngestHandlerDeps } from '../../../lambdas/ingest/create-ingest-handler';
import { createRankHandler, type RankHandlerDeps } from '../../../lambdas/rank/create-rank-handler';
import { TABLE_KEYS } from '../../../lambdas/common';
import { putDeploy } from '../../../lambdas/common/dynamodb';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../lambdas/deploys/local-dynamodb';
import { createCulpritTables, type CulpritTableNames } from './culprit-tables';
import { createEventBusTap, type EventBusTap } from './event-bus-tap';
import { drainQueue, type DrainResult } from './lambda-events';
import { startLocalSqs, type LocalSqs } from './local-sqs';
import { startMotoServer, type MotoServer } from './moto-server';

/** The three loopback servers the pipeline talks to: dynalite, fauxqs and moto (EventBridge). */
export interface PipelineServers {
  readonly dynamo: LocalDynamoDb;
  readonly sqs: LocalSqs;
  readonly moto: MotoServer;
  stop(): Promise<void>;
}

export async function startPipelineServers(): Promise<PipelineServers> {
  const [dynamo, sqs, moto] = await Promise.all([startLocalDynamoDb(), startLocalSqs(), startMotoServer()]);
  return { dynamo, sqs, moto, stop: async () => void (await Promise.all([dynamo.stop(), sqs.stop(), moto.stop()])) };
}

/** A stored incident item as rank left it. */
export interface IncidentItem {
  readonly verdict: Verdict;
  readonly supersededBy?: string;
  readonly publishedKey?: string;
  readonly verdictKey: string;
}

/** One deployment of the pipeline: fresh tables, an anomaly queue with its DLQ, a bus, and both handlers wired to them. */
export interface PipelineWorld {
  readonly tables: CulpritTableNames;
  readonly anomalyQueueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly bus: EventBusTap;
  readonly ingest: ReturnType<typeof createIngestHandler>;
  readonly rank: (event: SQSEvent) => Promise<SQSBatchResponse>;
  readonly rankDeps: RankHandlerDeps;
  recordDeploys(deploys: readonly Deploy[]): Promise<void>;
  /** Plays the SQS event source: anomaly queue → rank, until the queue is empty. */
  runRank(options?: { readonly batchSize?: number }): Promise<DrainResult>;
  incident(start: number, id: string): Promise<IncidentItem | undefined>;
  /** Every incident item of the days covering [from, to]. */
  incidents(from: number, to: number): Promise<IncidentItem[]>;
}

let worlds = 0;

export interface PipelineWorldOptions {
  readonly serviceMap?: Readonly<Record<string, string>>;
  readonly lookbackMinutes?: number;
  readonly blameConfidence?: number;
  /** Seconds a failed anomaly message stays invisible before it is handed out again. @default 1 */
  readonly visibilityTimeoutSeconds?: number;
  /** Receives before a message moves to the dead-letter queue. @default 3 */
  readonly maxReceiveCount?: number;
  /** Ingest's flush interval; 0 commits every delivery. @default - ingest's default (INGEST_BUFFER_DEFAULTS) */
  readonly ingestFlushIntervalMs?: number;
}

export async function preparePipeline(
  servers: PipelineServers,
  options: PipelineWorldOptions = {},
): Promise<PipelineWorld> {
  worlds += 1;
  const tables = await createCulpritTables(servers.dynamo, `pipeline-${worlds}`);
  const deadLetterQueueUrl = await servers.sqs.createQueue(`anomalies-dlq-${worlds}`);
  const anomalyQueueUrl = await servers.sqs.createQueue(`anomalies-${worlds}`, {
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 1,
    deadLetter: { queueUrl: deadLetterQueueUrl, maxReceiveCount: options.maxReceiveCount ?? 3 },
  });
  const ingestDeadLetterQueueUrl = await servers.sqs.createQueue(`ingest-dlq-${worlds}`);
  const bus = await createEventBusTap(servers.moto.endpoint, `culprit-${worlds}`);
  const documentClient = servers.dynamo.documentClient;
  const serviceMap = options.serviceMap ?? {};
  const ingestDeps: IngestHandlerDeps = {
    documentClient,
    sqs: servers.sqs.client,
    env: {
      anomalyQueueUrl,
      deadLetterQueueUrl: ingestDeadLetterQueueUrl,
      minerStateTable: tables.minerState,
      templateCountsTable: tables.templateCounts,
      templateCountsTtlDays: 14,
      serviceMap,
      logGroupPrefix: undefined,
      ...(options.ingestFlushIntervalMs === undefined ? {} : { flushIntervalMs: options.ingestFlushIntervalMs }),
    },
    logger: new Logger({ serviceName: 'culprit-ingest', logLevel: 'SILENT' }),
  };
  const rankDeps: RankHandlerDeps = {
    documentClient,
    eventBridge: bus.client,
    env: {
      templateCountsTable: tables.templateCounts,
      minerStateTable: tables.minerState,
      deploysTable: tables.deploys,
      incidentsTable: tables.incidents,
      incidentsTtlDays: 90,
      eventBusName: bus.busName,
      blameConfidence: options.blameConfidence ?? 0.5,
      lookbackMinutes: options.lookbackMinutes ?? 60,
      serviceMap,
    },
    logger: new Logger({ serviceName: 'culprit-rank', logLevel: 'SILENT' }),
  };
  const rank = createRankHandler(rankDeps);
  const toItem = (item: Record<string, unknown>): IncidentItem => ({
    verdict: JSON.parse(String(item.verdict)) as Verdict,
    verdictKey: String(item.verdictKey),
    ...(typeof item.supersededBy === 'string' ? { supersededBy: item.supersededBy } : {}),
    ...(typeof item.publishedKey === 'string' ? { publishedKey: item.publishedKey } : {}),
  });
  const { partitionKey, sortKey } = TABLE_KEYS.incidents;
  return {
    tables,
    anomalyQueueUrl,
    deadLetterQueueUrl,
    bus,
    ingest: createIngestHandler(ingestDeps),
    rank,
    rankDeps,
    async recordDeploys(deploys) {
      for (const deploy of deploys) await putDeploy({ client: documentClient, tableName: tables.deploys }, deploy, 90);
    },
    runRank: (runOptions = {}) => drainQueue(servers.sqs.client, anomalyQueueUrl, rank, runOptions),
    async incident(start, id) {
      const key = incidentKey(start, id);
      const item = await documentClient.send(
        new GetCommand({ TableName: tables.incidents, Key: { [partitionKey]: key.pk, [sortKey]: key.sk } }),
      );
      return item.Item === undefined ? undefined : toItem(item.Item);
    },
    async incidents(from, to) {
      const items: IncidentItem[] = [];
      for (let day = Math.floor(from / 86_400_000) * 86_400_000; day <= to; day += 86_400_000) {
        const page = await documentClient.send(
          new QueryCommand({
            TableName: tables.incidents,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': partitionKey },
            ExpressionAttributeValues: { ':pk': incidentPartition(day) },
          }),
        );
        items.push(...(page.Items ?? []).map(toItem));
      }
      return items;
    },
  };
}
