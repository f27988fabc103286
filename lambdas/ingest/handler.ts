/**
 * Ingest Lambda: CloudWatch Logs subscription events → template mining and anomaly detection per service →
 * template counts in DynamoDB and anomaly changes on the SQS anomaly queue. Thin adapter: the environment
 * is parsed and the clients built on the first invocation; the work is in create-ingest-handler.ts and the
 * decisions in lambdas/core.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ingestEnvSchema, parseEnv } from '../shared';
import { createIngestHandler, type IngestResult } from './create-ingest-handler';

const logger = new Logger();
const metrics = new Metrics();
let fromEnvironment: ((event: unknown) => Promise<IngestResult>) | undefined;

export async function handler(event: unknown): Promise<IngestResult> {
  if (fromEnvironment === undefined) {
    const env = parseEnv(ingestEnvSchema, process.env, 'ingest');
    fromEnvironment = createIngestHandler({
      documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
      sqs: new SQSClient({}),
      env,
      logger,
      metrics,
    });
  }
  return fromEnvironment(event);
}
