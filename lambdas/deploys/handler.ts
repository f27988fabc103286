/**
 * Deploys Lambda: EventBridge deploy events (CodeDeploy, ECS, CloudFormation, Lambda via CloudTrail,
 * custom `culprit.deploy`) → one `Deploy` record in the deploys table. Thin adapter: parse the
 * environment, normalise with the pure core, write once.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  normaliseDeployEvent,
  UnrecognisedDeployEventError,
  type NormaliseOutcome,
  type ServiceMap,
} from '../core/deploys';
import { deploysEnvSchema, parseEnv } from '../common';
import { putDeploy, type DeploysTable } from '../common/dynamodb';

export interface DeploysHandlerDeps {
  readonly table: DeploysTable;
  /** Days a deploy is kept after it happened. */
  readonly ttlDays: number;
  readonly services: ServiceMap;
  readonly logger: Logger;
}

export type DeploysHandlerResult =
  | { readonly outcome: 'stored' | 'duplicate'; readonly deployId: string; readonly service: string }
  | { readonly outcome: 'ignored'; readonly reason: string };

export function createDeploysHandler(deps: DeploysHandlerDeps): (event: unknown) => Promise<DeploysHandlerResult> {
  return async (event) => {
    let outcome: NormaliseOutcome;
    try {
      outcome = normaliseDeployEvent(event, deps.services);
    } catch (error) {
      if (error instanceof UnrecognisedDeployEventError) {
        // Rejected, not dropped: the throw sends the event through Lambda's retries to the DLQ, where
        // a person can see the shape Culprit did not understand.
        deps.logger.error('rejected an event that is not a recognised deploy event', { error, event });
      }
      throw error;
    }
    if (outcome.kind === 'ignored') {
      deps.logger.info('event is not a finished deploy; nothing stored', { reason: outcome.reason });
      return { outcome: 'ignored', reason: outcome.reason };
    }
    const { deploy } = outcome;
    const stored = await putDeploy(deps.table, deploy, deps.ttlDays);
    deps.logger.info(stored === 'stored' ? 'deploy stored' : 'deploy already stored; redelivery ignored', { deploy });
    return { outcome: stored, deployId: deploy.id, service: deploy.service };
  };
}

const logger = new Logger();
let fromEnvironment: ((event: unknown) => Promise<DeploysHandlerResult>) | undefined;

/** Lambda entry point; dependencies are built from the environment on the first invocation. */
export async function handler(event: unknown): Promise<DeploysHandlerResult> {
  if (fromEnvironment === undefined) {
    const env = parseEnv(deploysEnvSchema, process.env, 'deploys');
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    });
    fromEnvironment = createDeploysHandler({
      table: { client, tableName: env.deploysTable },
      ttlDays: env.deploysTtlDays,
      services: env.serviceMap,
      logger,
    });
  }
  return fromEnvironment(event);
}
