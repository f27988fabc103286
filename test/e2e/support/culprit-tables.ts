import type { TableName } from '../../../lambdas/common';
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
  for (const table of Object.keys(names) as TableName[]) await dynamo.createTable(names[table], table);
  return names;
}
