/**
 * Ingest Lambda: CloudWatch Logs subscription events (or, with the Kinesis transport, batches of them from the
 * stream) → template mining and anomaly detection per service → template counts in DynamoDB and anomaly
 * changes on the SQS anomaly queue. Thin adapter: the environment
 * is parsed and the clients built on the first invocation; the work is in create-ingest-handler.ts and the
 * decisions in lambdas/core.
 *
 * Deliveries are buffered in the container between flushes, so the container's shutdown must flush them:
 * Lambda sends the runtime SIGTERM before it shuts an environment down, but only when an extension is
 * registered, which is why the function carries the no-op shutdown-signal extension
 * (lambdas/extensions/shutdown-signal). The runtime then has about 300 ms.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ingestEnvSchema, parseEnv } from '../common';
import { createIngestHandler, type IngestHandler, type IngestResult } from './create-ingest-handler';

const logger = new Logger();
const metrics = new Metrics();
let fromEnvironment: IngestHandler | undefined;

export async function handler(event: unknown): Promise<IngestResult> {
  if (fromEnvironment === undefined) {
    const env = parseEnv(ingestEnvSchema, process.env, 'ingest');
    fromEnvironment = createIngestHandler({
      documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({}), {
        marshallOptions: { removeUndefinedValues: true },
      }),
      sqs: new SQSClient({}),
      env,
      logger,
      metrics,
    });
  }
  return fromEnvironment(event);
}

/** Commits every buffered delivery, then exits (a SIGTERM listener replaces Node's default exit). */
async function flushOnShutdown(): Promise<void> {
  let code = 0;
  try {
    const result = await fromEnvironment?.flushAll('shutdown');
    if (result !== undefined) {
      logger.info('shutdown flush', {
        flushed: result.flushed.map((f) => ({ logService: f.service, version: f.version, deliveries: f.deliveries })),
        failed: result.failed.map((f) => f.service),
      });
      for (const failure of result.failed)
        logger.error('shutdown flush failed; these deliveries are lost to the pipeline (the logs stay in CloudWatch)', {
          logService: failure.service,
          error: failure.error,
        });
      if (result.failed.length > 0) code = 1;
    }
  } catch (error) {
    logger.error('shutdown flush failed', { error });
    code = 1;
  }
  process.exit(code);
}

process.once('SIGTERM', () => void flushOnShutdown());
