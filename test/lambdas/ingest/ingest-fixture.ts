import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createIngestHandler, type IngestHandlerDeps } from '../../../lambdas/ingest/create-ingest-handler';
import {
  anomalyMessageSchema,
  COUNTS_ATTRIBUTE_PREFIX,
  countsPartition,
  type AnomalyMessage,
} from '../../../lambdas/core/pipeline';
import { TABLE_KEYS } from '../../../lambdas/common';
import { createCulpritTables, type CulpritTableNames } from '../../e2e/support/culprit-tables';
import { peekAll } from '../../e2e/support/lambda-events';
import { startLocalSqs, type LocalSqs } from '../../e2e/support/local-sqs';
import { LOOPBACK_AWS, startLocalDynamoDb, type LocalDynamoDb } from '../deploys/local-dynamodb';

/** dynalite and fauxqs on loopback, shared by a test file; each `prepare()` gets fresh tables and a fresh queue. */
export interface IngestServers {
  readonly dynamo: LocalDynamoDb;
  readonly sqs: LocalSqs;
  stop(): Promise<void>;
}

export async function startIngestServers(): Promise<IngestServers> {
  const [dynamo, sqs] = await Promise.all([startLocalDynamoDb(), startLocalSqs()]);
  return { dynamo, sqs, stop: async () => void (await Promise.all([dynamo.stop(), sqs.stop()])) };
}

/** Starts the servers before the file's tests and stops them after; call at the top of a test file. */
export function useIngestServers(): () => IngestServers {
  let servers: IngestServers | undefined;
  beforeAll(async () => {
    servers = await startIngestServers();
  });
  afterAll(async () => {
    await servers?.stop();
  });
  return () => {
    if (servers === undefined) throw new Error('the ingest servers are started in beforeAll; use them inside tests');
    return servers;
  };
}

export interface IngestWorld {
  readonly tables: CulpritTableNames;
  readonly queueUrl: string;
  readonly deps: IngestHandlerDeps;
  /** A handler with its own container cache, as a new Lambda container would have. */
  container(overrides?: Partial<IngestHandlerDeps>): ReturnType<typeof createIngestHandler>;
  /** Lines per template per bucket start, as the counts table holds them. */
  counts(service: string): Promise<Map<number, Map<string, number>>>;
  /** Every anomaly message waiting in the queue. */
  messages(): Promise<AnomalyMessage[]>;
  /** The bodies waiting in ingest's dead-letter queue (records of the Kinesis transport it could not read). */
  parked(): Promise<Record<string, unknown>[]>;
}

let worlds = 0;

export async function prepareIngest(
  servers: IngestServers,
  env: Partial<IngestHandlerDeps['env']> = {},
): Promise<IngestWorld> {
  worlds += 1;
  const tables = await createCulpritTables(servers.dynamo, `ingest-${worlds}`);
  const queueUrl = await servers.sqs.createQueue(`anomalies-${worlds}`);
  const deadLetterQueueUrl = await servers.sqs.createQueue(`ingest-dlq-${worlds}`);
  const deps: IngestHandlerDeps = {
    documentClient: servers.dynamo.documentClient,
    sqs: servers.sqs.client,
    env: {
      anomalyQueueUrl: queueUrl,
      deadLetterQueueUrl,
      minerStateTable: tables.minerState,
      templateCountsTable: tables.templateCounts,
      templateCountsTtlDays: 14,
      serviceMap: {},
      logGroupPrefix: undefined,
      // One commit per delivery unless a test buffers: the commit protocol's tests count versions per delivery.
      flushIntervalMs: 0,
      ...env,
    },
    logger: new Logger({ serviceName: 'culprit-ingest', logLevel: 'SILENT' }),
  };
  return {
    tables,
    queueUrl,
    deps,
    container: (overrides = {}) => createIngestHandler({ ...deps, ...overrides }),
    counts: (service) => readCounts(servers, tables.templateCounts, service),
    messages: async () =>
      (await peekAll(servers.sqs.client, queueUrl)).map((m) => anomalyMessageSchema.parse(JSON.parse(m.Body ?? ''))),
    parked: async () =>
      (await peekAll(servers.sqs.client, deadLetterQueueUrl)).map(
        (m) => JSON.parse(m.Body ?? '') as Record<string, unknown>,
      ),
  };
}

async function readCounts(
  servers: IngestServers,
  tableName: string,
  service: string,
): Promise<Map<number, Map<string, number>>> {
  const { partitionKey, sortKey } = TABLE_KEYS.templateCounts;
  const page = await servers.dynamo.documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': partitionKey },
      ExpressionAttributeValues: { ':pk': countsPartition(service) },
    }),
  );
  const out = new Map<number, Map<string, number>>();
  for (const item of page.Items ?? []) {
    const templates = new Map<string, number>();
    for (const [name, value] of Object.entries(item))
      if (name.startsWith(COUNTS_ATTRIBUTE_PREFIX))
        templates.set(name.slice(COUNTS_ATTRIBUTE_PREFIX.length), Number(value));
    out.set(Number(item[sortKey]), templates);
  }
  return out;
}

/** A DynamoDB client of its own on the dynalite server that records every write and can be made to fail them. */
export interface WatchedDynamoDb {
  readonly documentClient: DynamoDBDocumentClient;
  /** `<command> <table>` of every write sent (failed ones included). */
  readonly writes: string[];
  /** While true, every write fails before reaching the server, as when DynamoDB is unreachable. */
  failing: boolean;
  /** Runs before each write is sent (a rival writer racing it), with the command name and its plain input. */
  beforeWrite?: (
    command: string,
    input: { readonly TableName?: string; readonly Item?: Record<string, unknown> },
  ) => Promise<void>;
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);

export function watchedDynamoDb(servers: IngestServers): WatchedDynamoDb {
  const client = new DynamoDBClient({ ...LOOPBACK_AWS, endpoint: servers.dynamo.endpoint, maxAttempts: 1 });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const watched: WatchedDynamoDb = { documentClient, writes: [], failing: false };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (WRITES.has(context.commandName ?? '')) {
        watched.writes.push(
          `${(context.commandName ?? '').replace(/Command$/, '')} ${String((args.input as { TableName?: string }).TableName)}`,
        );
        if (watched.failing)
          throw Object.assign(new Error('simulated: DynamoDB cannot be reached'), { name: 'NetworkingError' });
        // Document-client input, still plain JavaScript at this step.
        await watched.beforeWrite?.(
          (context.commandName ?? '').replace(/Command$/, ''),
          args.input as { TableName?: string; Item?: Record<string, unknown> },
        );
      }
      return next(args);
    },
    { step: 'initialize', name: 'watchWrites' },
  );
  return watched;
}
