import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDeploysHandler, type DeploysHandlerDeps } from '../../../lambdas/deploys/handler';
import { UnrecognisedDeployEventError } from '../../../lambdas/core/deploys';
import { TABLE_KEYS } from '../../../lambdas/common';
import { queryDeploys } from '../../../lambdas/common/dynamodb';
import {
  codeDeploySuccess,
  culpritDeploy,
  ecsDeploymentCompleted,
  stackStatusChange,
} from '../../core/deploys/fixtures/deploy-events';
import { startLocalDynamoDb, type LocalDynamoDb } from './local-dynamodb';

let dynamo: LocalDynamoDb;
let tableCount = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamoDb();
});

afterAll(async () => {
  await dynamo.stop();
});

/** A handler over a fresh table, with a silent logger the test can inspect. */
async function prepare(
  services: Record<string, string> = {},
): Promise<{ handle: ReturnType<typeof createDeploysHandler>; deps: DeploysHandlerDeps; logger: Logger }> {
  tableCount += 1;
  const tableName = await dynamo.createDeploysTable(`deploys-${tableCount}`);
  const logger = new Logger({ serviceName: 'culprit-deploys', logLevel: 'SILENT' });
  const deps: DeploysHandlerDeps = {
    table: { client: dynamo.documentClient, tableName },
    ttlDays: 90,
    services,
    logger,
  };
  return { handle: createDeploysHandler(deps), deps, logger };
}

describe('the deploys handler against DynamoDB (dynalite)', () => {
  it('stores a CodeDeploy deploy where the rank Lambda finds it by service and time window', async () => {
    const { handle, deps } = await prepare({ 'checkout/production': 'checkout' });
    const at = Date.parse('2024-03-07T14:02:31Z');

    const result = await handle(codeDeploySuccess());
    const found = await queryDeploys(deps.table, 'checkout', at - 60_000, at + 60_000);

    expect(result).toEqual({ outcome: 'stored', deployId: 'codedeploy:d-8JCDAF2BW', service: 'checkout' });
    expect(found).toEqual([
      expect.objectContaining({
        id: 'codedeploy:d-8JCDAF2BW',
        service: 'checkout',
        timestamp: at,
        source: 'codedeploy',
      }),
    ]);
  });

  it('writes the key layout and an expiry the TTL can act on', async () => {
    const { handle, deps } = await prepare();
    const at = Date.parse('2024-03-07T11:00:05Z');

    await handle(culpritDeploy());
    const item = await dynamo.documentClient.send(
      new GetCommand({
        TableName: deps.table.tableName,
        Key: {
          [TABLE_KEYS.deploys.partitionKey]: 'search',
          [TABLE_KEYS.deploys.sortKey]: `${at}#culprit:b5a1f7c2-3d4e-4f5a-8b9c-0d1e2f3a4b5c`,
        },
      }),
    );

    expect(item.Item).toMatchObject({ version: 'v2.14.0', commit: '9f3c2a1', expiresAt: at / 1000 + 90 * 86_400 });
  });

  it('stores a redelivered event once and says it was a duplicate', async () => {
    const { handle, deps } = await prepare();
    const event = ecsDeploymentCompleted();
    const at = Date.parse('2024-03-07T14:09:47Z');

    const first = await handle(event);
    const second = await handle(structuredClone(event));
    const found = await queryDeploys(deps.table, 'payments', at, at);

    expect([first.outcome, second.outcome]).toEqual(['stored', 'duplicate']);
    expect(found).toHaveLength(1);
  });

  it('leaves out deploys of other services and outside the window', async () => {
    const { handle, deps } = await prepare();
    await handle(stackStatusChange());
    await handle(culpritDeploy({ detail: { service: 'orders-api', id: 'later', timestamp: '2024-03-08T00:00:00Z' } }));
    await handle(culpritDeploy({ detail: { service: 'billing', id: 'same-time', timestamp: '2024-03-07T18:43:48Z' } }));
    const at = Date.parse('2024-03-07T18:43:48Z');

    const found = await queryDeploys(deps.table, 'orders-api', at - 3_600_000, at + 3_600_000);

    expect(found.map((deploy) => deploy.id)).toEqual(['cloudformation:6a7e8feb-b491-4cf7-a9f1-bf3703467718']);
  });

  it('stores nothing for an event that is not a finished deploy', async () => {
    const { handle, deps } = await prepare();

    const result = await handle(codeDeploySuccess({ detail: { state: 'FAILURE' } }));
    const found = await queryDeploys(deps.table, 'checkout', 0, Date.parse('2030-01-01T00:00:00Z'));

    expect(result.outcome).toBe('ignored');
    expect(found).toEqual([]);
  });

  it('logs an unrecognised event with its content and rejects it, so it ends in the dead-letter queue', async () => {
    const { handle, logger } = await prepare();
    const logged = jest.spyOn(logger, 'error');
    const event = {
      source: 'aws.codepipeline',
      'detail-type': 'CodePipeline Pipeline Execution State Change',
      id: 'e-1',
      time: '2024-03-07T00:00:00Z',
      detail: {},
    };

    await expect(handle(event)).rejects.toBeInstanceOf(UnrecognisedDeployEventError);
    expect(logged).toHaveBeenCalledWith(
      'rejected an event that is not a recognised deploy event',
      expect.objectContaining({ event }),
    );
  });
});
