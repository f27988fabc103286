import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Anomaly } from '../core/analysis';
import {
  PipelineStateError,
  anomalyHours,
  anomalyKey,
  anomalyPartition,
  anomalySchema,
  timeKey,
  type AnomalyMessage,
  type TimeWindow,
} from '../core/pipeline';
import { queryItems } from '../common/dynamodb';
import { TABLE_KEYS, expiresAt } from '../common';

/** `stored`: a newer revision than the table held; `duplicate`: this revision was stored before; `outdated`: a newer one was. */
export type PutAnomalyOutcome = 'stored' | 'duplicate' | 'outdated';

/** What storing a message did, and the revision it replaced (when `stored` and there was one). */
export interface PutAnomalyResult {
  readonly outcome: PutAnomalyOutcome;
  readonly previous: Anomaly | undefined;
}

/** The anomalies rank has received, latest revision of each, by first-seen hour (incidents table). */
export interface AnomalyStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly ttlDays: number;
}

const INCIDENTS = TABLE_KEYS.incidents;
const itemSchema = z.object({ revision: z.number().int().positive(), anomaly: anomalySchema });

export class AnomalyStore {
  constructor(private readonly o: AnomalyStoreOptions) {}

  /**
   * Keeps `message`'s revision of its anomaly if it is newer than the stored one. The conditional write is the
   * dedupe: a redelivered message, or an older revision arriving late, changes nothing.
   */
  async put(message: AnomalyMessage): Promise<PutAnomalyResult> {
    const { anomaly, revision } = message;
    const key = anomalyKey(anomaly.firstSeen, anomaly.id);
    try {
      const written = await this.o.client.send(
        new PutCommand({
          TableName: this.o.tableName,
          Item: {
            [INCIDENTS.partitionKey]: key.pk,
            [INCIDENTS.sortKey]: key.sk,
            revision,
            anomaly,
            [INCIDENTS.ttlAttribute]: expiresAt(anomaly.lastSeen, this.o.ttlDays),
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR #revision < :revision',
          ExpressionAttributeNames: { '#pk': INCIDENTS.partitionKey, '#revision': 'revision' },
          ExpressionAttributeValues: { ':revision': revision },
          // The revision replaced, at no extra read: rank tells from it whether the anomaly was ever strong.
          ReturnValues: 'ALL_OLD',
        }),
      );
      const previous = written.Attributes === undefined ? undefined : itemSchema.safeParse(written.Attributes);
      return { outcome: 'stored', previous: previous?.success === true ? previous.data.anomaly : undefined };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const stored = await this.o.client.send(
      new GetCommand({
        TableName: this.o.tableName,
        Key: { [INCIDENTS.partitionKey]: key.pk, [INCIDENTS.sortKey]: key.sk },
        ProjectionExpression: '#revision',
        ExpressionAttributeNames: { '#revision': 'revision' },
        ConsistentRead: true,
      }),
    );
    return { outcome: stored.Item?.revision === revision ? 'duplicate' : 'outdated', previous: undefined };
  }

  /** Every stored anomaly first seen within `window` (strongly consistent), with its revision. */
  async load(window: TimeWindow): Promise<{ readonly anomalies: Anomaly[]; readonly revisions: Map<string, number> }> {
    const anomalies: Anomaly[] = [];
    const revisions = new Map<string, number>();
    for (const hour of anomalyHours(window.from, window.to)) {
      const items = queryItems(this.o.client, {
        TableName: this.o.tableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': INCIDENTS.partitionKey, '#sk': INCIDENTS.sortKey },
        // '~' sorts after the '#' that separates the time from the id.
        ExpressionAttributeValues: {
          ':pk': anomalyPartition(hour),
          ':from': timeKey(window.from),
          ':to': `${timeKey(window.to)}~`,
        },
        ConsistentRead: true,
      });
      for await (const item of items) {
        const parsed = itemSchema.safeParse(item);
        if (!parsed.success)
          throw new PipelineStateError(
            `anomaly item ${String(item[INCIDENTS.sortKey])} in ${this.o.tableName} is malformed: ${parsed.error.message}`,
          );
        anomalies.push(parsed.data.anomaly);
        revisions.set(parsed.data.anomaly.id, parsed.data.revision);
      }
    }
    return { anomalies, revisions };
  }
}
