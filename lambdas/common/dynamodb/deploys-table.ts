import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { deploySortKey, deployWindowBounds } from '../../core/deploys';
import { InvalidInputError } from '../../core/errors';
import { deploySchema, type Deploy } from '../../core/schemas';
import { TABLE_KEYS, expiresAt } from '../table-schema';
import { queryItems } from './query-items';

/** Reads and writes the deploys table (layout in lambdas/core/deploys/deploy-key.ts). */
export interface DeploysTable {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** `stored` for a new deploy, `duplicate` when the same deploy (same id and time) was stored before. */
export type PutDeployResult = 'stored' | 'duplicate';

const { partitionKey, sortKey, ttlAttribute } = TABLE_KEYS.deploys;

/**
 * Stores a deploy once. The write is conditional on the key being new, so a redelivered event (EventBridge
 * and Lambda retry at least once) leaves the first record untouched and reports `duplicate`.
 * The item expires `ttlDays` after the deploy itself.
 */
export async function putDeploy(table: DeploysTable, deploy: Deploy, ttlDays: number): Promise<PutDeployResult> {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...deploy,
          [partitionKey]: deploy.service,
          [sortKey]: deploySortKey(deploy),
          [ttlAttribute]: expiresAt(deploy.timestamp, ttlDays),
        },
        ConditionExpression: 'attribute_not_exists(#sk)',
        ExpressionAttributeNames: { '#sk': sortKey },
      }),
    );
    return 'stored';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'duplicate';
    throw error;
  }
}

/** Deploys of `service` with a timestamp in [fromMillis, toMillis], oldest first. */
export async function queryDeploys(
  table: DeploysTable,
  service: string,
  fromMillis: number,
  toMillis: number,
): Promise<Deploy[]> {
  const bounds = deployWindowBounds(fromMillis, toMillis);
  const deploys: Deploy[] = [];
  const items = queryItems(table.client, {
    TableName: table.tableName,
    KeyConditionExpression: '#pk = :service AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
    ExpressionAttributeValues: { ':service': service, ':from': bounds.from, ':to': bounds.to },
  });
  for await (const item of items) {
    const parsed = deploySchema.safeParse(item);
    if (!parsed.success) {
      throw new InvalidInputError(
        `deploys table ${table.tableName} holds an item that is not a deploy: ${parsed.error.message}`,
        { cause: parsed.error },
      );
    }
    deploys.push(parsed.data);
  }
  return deploys;
}
