import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newTemplateKey, type AnomalyMessage } from '../core/pipeline';
import { TABLE_KEYS } from '../common';

const STATE = TABLE_KEYS.minerState;

/**
 * Makes sure a template is reported as `new` once: before a `new` anomaly is sent, its template's claim item
 * is written on condition that no other anomaly claimed it. Concurrent invocations already agree through
 * the versioned state; the claim also holds against a state that was reset or restored from a backup.
 * Claims this container has made are remembered, so an anomaly's later updates cost no write.
 */
export class NewTemplateClaims {
  private readonly claimed = new Set<string>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The messages to send: all but the `new` anomalies whose template another anomaly already claimed. */
  async filter(
    messages: readonly AnomalyMessage[],
  ): Promise<{ readonly send: AnomalyMessage[]; readonly suppressed: AnomalyMessage[] }> {
    const verdicts = await Promise.all(
      messages.map((message) => (message.anomaly.kind === 'new' ? this.claim(message) : Promise.resolve(true))),
    );
    const send: AnomalyMessage[] = [];
    const suppressed: AnomalyMessage[] = [];
    messages.forEach((message, index) => {
      (verdicts[index] === true ? send : suppressed).push(message);
    });
    return { send, suppressed };
  }

  private async claim(message: AnomalyMessage): Promise<boolean> {
    const { anomaly } = message;
    if (this.claimed.has(anomaly.id)) return true;
    const key = newTemplateKey(message.service, anomaly.templateId);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            [STATE.partitionKey]: key.pk,
            [STATE.sortKey]: key.sk,
            anomalyId: anomaly.id,
            templateId: anomaly.templateId,
            firstSeen: anomaly.firstSeen,
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR #anomalyId = :anomalyId',
          ExpressionAttributeNames: { '#pk': STATE.partitionKey, '#anomalyId': 'anomalyId' },
          ExpressionAttributeValues: { ':anomalyId': anomaly.id },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    this.claimed.add(anomaly.id);
    return true;
  }
}
