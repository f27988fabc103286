import { paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * Every item a query returns, page after page (DynamoDB returns at most 1 MB per page). One helper, so no caller
 * writes the `ExclusiveStartKey` loop again.
 */
export async function* queryItems(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
): AsyncGenerator<Record<string, unknown>> {
  for await (const page of paginateQuery({ client }, input)) {
    for (const item of page.Items ?? []) yield item;
  }
}
