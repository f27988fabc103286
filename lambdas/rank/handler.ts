/**
 * Rank Lambda: anomaly messages from the SQS anomaly queue → incidents (anomalies grouped like the CLI groups
 * them) → deploys ranked as suspects → the verdict stored in the incidents table and, when it changes,
 * published as a `Culprit Verdict` event. Thin adapter: the environment is parsed and the clients built on
 * the first invocation; the work is in create-rank-handler.ts and the decisions in lambdas/core.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { parseEnv, rankEnvSchema } from '../shared';
import { createRankHandler } from './create-rank-handler';

const logger = new Logger();
const metrics = new Metrics();
let fromEnvironment: ((event: unknown, context?: Context) => Promise<SQSBatchResponse>) | undefined;

export async function handler(event: unknown, context?: Context): Promise<SQSBatchResponse> {
  if (fromEnvironment === undefined) {
    const env = parseEnv(rankEnvSchema, process.env, 'rank');
    fromEnvironment = createRankHandler({
      documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
      eventBridge: new EventBridgeClient({}),
      env,
      logger,
      metrics,
    });
  }
  return fromEnvironment(event, context);
}
