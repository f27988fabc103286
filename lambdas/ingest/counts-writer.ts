import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { COUNTS_ATTRIBUTE_PREFIX, COUNTS_BATCHES_ATTRIBUTE, countsKey, type BucketCountsJson } from '../core/pipeline';
import { TABLE_KEYS, expiresAt } from '../common';

export interface CountsTable {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly ttlDays: number;
}

/**
 * Templates per UpdateItem: keeps the update expression far below DynamoDB's 4 KB limit.
 * @default 150
 */
export const TEMPLATES_PER_UPDATE = 150;

const COUNTS = TABLE_KEYS.templateCounts;

/** Writes done and writes skipped because the batch had already been counted. */
export interface CountsWriteResult {
  readonly written: number;
  readonly alreadyCounted: number;
}

/**
 * Adds a batch's line counts to the template counts table: one UpdateItem per bucket the batch touches
 * (a batch usually spans one or two one-minute buckets), `ADD` so concurrent invocations never lose a line,
 * and conditional on the batch key not being in the item's `batches` set, so a retried batch is counted once.
 */
export async function addCounts(
  table: CountsTable,
  service: string,
  batchKey: string,
  counts: BucketCountsJson,
  bucketMs: number,
): Promise<CountsWriteResult> {
  const updates: Promise<boolean>[] = [];
  for (const [bucketStart, templates] of counts) {
    for (let offset = 0, part = 0; offset < templates.length; offset += TEMPLATES_PER_UPDATE, part++) {
      const chunk = templates.slice(offset, offset + TEMPLATES_PER_UPDATE);
      updates.push(
        addChunk(table, service, bucketStart, part === 0 ? batchKey : `${batchKey}/${part}`, chunk, bucketMs),
      );
    }
  }
  const outcomes = await Promise.all(updates);
  const written = outcomes.filter(Boolean).length;
  return { written, alreadyCounted: outcomes.length - written };
}

async function addChunk(
  table: CountsTable,
  service: string,
  bucketStart: number,
  batchKey: string,
  templates: readonly [string, number][],
  bucketMs: number,
): Promise<boolean> {
  const key = countsKey(service, bucketStart);
  const names: Record<string, string> = {
    '#batches': COUNTS_BATCHES_ATTRIBUTE,
    '#ttl': COUNTS.ttlAttribute,
    '#service': 'service',
    '#bucketMs': 'bucketMs',
  };
  const values: Record<string, unknown> = {
    ':batch': batchKey,
    ':batchSet': new Set([batchKey]),
    ':ttl': expiresAt(bucketStart, table.ttlDays),
    ':service': service,
    ':bucketMs': bucketMs,
  };
  const adds = ['#batches :batchSet'];
  templates.forEach(([templateId, lines], index) => {
    names[`#t${index}`] = `${COUNTS_ATTRIBUTE_PREFIX}${templateId}`;
    values[`:t${index}`] = lines;
    adds.push(`#t${index} :t${index}`);
  });
  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { [COUNTS.partitionKey]: key.pk, [COUNTS.sortKey]: key.sk },
        UpdateExpression: `SET #ttl = :ttl, #service = :service, #bucketMs = :bucketMs ADD ${adds.join(', ')}`,
        ConditionExpression: 'NOT contains(#batches, :batch)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
