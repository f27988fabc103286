import { startLocalDynamoDb, LOOPBACK_AWS, type LocalDynamoDb } from './local-dynamodb';
import { queryDeploys } from '../../../lambdas/common/dynamodb';
import { ENV } from '../../../lambdas/common';
import { codeDeploySuccess } from '../../core/deploys/fixtures/deploy-events';

type HandlerModule = typeof import('../../../lambdas/deploys/handler');

let dynamo: LocalDynamoDb;
const savedEnv = { ...process.env };

beforeAll(async () => {
  dynamo = await startLocalDynamoDb();
});

afterEach(() => {
  process.env = { ...savedEnv };
});

afterAll(async () => {
  await dynamo.stop();
});

/** A fresh copy of the handler module, so each test starts cold like a new Lambda instance. */
function loadHandler(): HandlerModule {
  let loaded: HandlerModule | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<HandlerModule>('../../../lambdas/deploys/handler');
  });
  if (loaded === undefined) throw new Error('handler module did not load');
  return loaded;
}

describe('the exported deploys handler', () => {
  it('reads its table, retention and service mapping from the environment set by the stack', async () => {
    const tableName = await dynamo.createDeploysTable('deploys-from-env');
    process.env = {
      ...savedEnv,
      AWS_REGION: LOOPBACK_AWS.region,
      AWS_ACCESS_KEY_ID: LOOPBACK_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOOPBACK_AWS.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      [ENV.deploysTable]: tableName,
      [ENV.deploysTtlDays]: '30',
      [ENV.serviceMap]: JSON.stringify({ checkout: 'checkout-web' }),
    };
    const { handler } = loadHandler();
    const at = Date.parse('2024-03-07T14:02:31Z');

    const result = await handler(codeDeploySuccess());
    const found = await queryDeploys({ client: dynamo.documentClient, tableName }, 'checkout-web', at, at);

    expect(result).toEqual({ outcome: 'stored', deployId: 'codedeploy:d-8JCDAF2BW', service: 'checkout-web' });
    expect(found).toHaveLength(1);
  });

  it('refuses to run with an incomplete environment, naming every variable at fault', async () => {
    process.env = {
      ...savedEnv,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      [ENV.deploysTtlDays]: 'ninety',
      [ENV.serviceMap]: '{not json',
    };
    delete process.env[ENV.deploysTable];
    const { handler } = loadHandler();

    const failure = handler(codeDeploySuccess());

    await expect(failure).rejects.toThrow(/environment of the deploys function is invalid/);
    await expect(failure).rejects.toThrow(
      new RegExp(`^(?=.*${ENV.deploysTable}: )(?=.*${ENV.deploysTtlDays}: )(?=.*${ENV.serviceMap}: not JSON)`),
    );
  });
});
