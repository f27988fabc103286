import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS, type TableName } from '../../../lambdas/shared';
import type { LocalDynamoDb } from '../../lambdas/deploys/local-dynamodb';

export type CulpritTableNames = Record<TableName, string>;

/** Creates the four Culprit tables with the key layout the CDK construct gives them; names get `prefix`. */
export async function createCulpritTables(dynamo: LocalDynamoDb, prefix: string): Promise<CulpritTableNames> {
  const names = {
    minerState: `${prefix}-miner-state`,
    templateCounts: `${prefix}-template-counts`,
    deploys: `${prefix}-deploys`,
    incidents: `${prefix}-incidents`,
  } satisfies CulpritTableNames;
  for (const table of Object.keys(names) as TableName[]) {
    const { partitionKey, sortKey } = TABLE_KEYS[table];
    await dynamo.client.send(
      new CreateTableCommand({
        TableName: names[table],
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: partitionKey, AttributeType: 'S' },
          { AttributeName: sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
      }),
    );
  }
  return names;
}
