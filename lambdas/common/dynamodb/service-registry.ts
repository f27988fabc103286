import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SERVICES_PARTITION, serviceRegistryKey } from '../../core/pipeline';
import { TABLE_KEYS, expiresAt } from '../table-schema';
import { queryItems } from './query-items';

/**
 * The services whose logs ingest has seen, kept in the template counts table (partition `services`): rank
 * needs every service's deploys, since a deploy of a service without anomalies is still a candidate, and
 * the deploys table can only be read one service at a time. An entry expires like the counts.
 */
export interface ServiceRegistry {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

const { partitionKey, sortKey, ttlAttribute } = TABLE_KEYS.templateCounts;

/** Records (or refreshes) `service`; ingest does it once per service and container. */
export async function registerService(
  registry: ServiceRegistry,
  service: string,
  nowMillis: number,
  ttlDays: number,
): Promise<void> {
  const key = serviceRegistryKey(service);
  await registry.client.send(
    new UpdateCommand({
      TableName: registry.tableName,
      Key: { [partitionKey]: key.pk, [sortKey]: key.sk },
      UpdateExpression: 'SET #ttl = :ttl, #seen = :seen',
      ExpressionAttributeNames: { '#ttl': ttlAttribute, '#seen': 'lastSeen' },
      ExpressionAttributeValues: { ':ttl': expiresAt(nowMillis, ttlDays), ':seen': nowMillis },
    }),
  );
}

/** Every registered service, in name order. */
export async function listServices(registry: ServiceRegistry): Promise<string[]> {
  const services: string[] = [];
  const items = queryItems(registry.client, {
    TableName: registry.tableName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
    ExpressionAttributeValues: { ':pk': SERVICES_PARTITION },
    ProjectionExpression: '#sk',
  });
  for await (const item of items) {
    const service: unknown = item[sortKey];
    if (typeof service === 'string') services.push(service);
  }
  return services;
}
