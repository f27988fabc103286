/**
 * Rank Lambda: anomaly messages from the SQS anomaly queue → incidents (anomalies grouped like the CLI groups
 * them) → deploys ranked as suspects → the verdict stored in the incidents table and, when it changes,
 * published as a `Culprit Verdict` event, posted to Slack (when configured) and, when a deploy is blamed
 * confidently, handed to a state machine (when configured). Thin adapter: the environment is parsed and the
 * clients built on the first invocation; the work is in create-rank-handler.ts and the decisions in lambdas/core.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { createRedactor } from '../core/notify';
import { parseEnv, rankEnvSchema } from '../common';
import { createRankHandler } from './create-rank-handler';
import { notifierFromEnv } from './notifier-from-env';

const logger = new Logger();
const metrics = new Metrics();
let fromEnvironment: ((event: unknown, context?: Context) => Promise<SQSBatchResponse>) | undefined;

export async function handler(event: unknown, context?: Context): Promise<SQSBatchResponse> {
  if (fromEnvironment === undefined) {
    const env = parseEnv(rankEnvSchema, process.env, 'rank');
    // One redactor for the verdict events, Slack and the state machine input; a bad pattern throws here.
    const redact = createRedactor(env.redactPatterns);
    // Only what is configured is built: no Secrets Manager or Step Functions client otherwise.
    const notify = notifierFromEnv(
      env,
      { secretsManager: () => new SecretsManagerClient({}), stepFunctions: () => new SFNClient({}) },
      logger,
      redact,
    );
    fromEnvironment = createRankHandler({
      documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({}), {
        marshallOptions: { removeUndefinedValues: true },
      }),
      eventBridge: new EventBridgeClient({}),
      env,
      logger,
      metrics,
      redact,
      ...(notify === undefined ? {} : { notify }),
    });
  }
  return fromEnvironment(event, context);
}
