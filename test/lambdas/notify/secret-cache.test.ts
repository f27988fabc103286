import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretCache, SecretUnavailableError } from '../../../lambdas/notify';
import { startMotoServer, type MotoServer } from '../../e2e/support/moto-server';
import { countCommands, MOTO_CLIENT } from './aws-clients';

describe('SecretCache against Secrets Manager on moto_server', () => {
  let moto: MotoServer;
  let client: SecretsManagerClient;
  let calls: Map<string, number>;

  beforeAll(async () => {
    moto = await startMotoServer();
    client = new SecretsManagerClient({ ...MOTO_CLIENT, endpoint: moto.endpoint });
    calls = countCommands(client);
    await client.send(
      new CreateSecretCommand({ Name: 'culprit/slack', SecretString: '{"token":"xoxb-1","channel":"C1"}' }),
    );
  });

  afterAll(async () => {
    client?.destroy();
    await moto?.stop();
  });

  beforeEach(() => calls.clear());

  it('reads a secret once and answers later calls from memory', async () => {
    const cache = new SecretCache(client);

    const values = await Promise.all([cache.get('culprit/slack'), cache.get('culprit/slack')]);
    const later = await cache.get('culprit/slack');

    expect(values).toEqual(['{"token":"xoxb-1","channel":"C1"}', '{"token":"xoxb-1","channel":"C1"}']);
    expect(later).toBe('{"token":"xoxb-1","channel":"C1"}');
    expect(calls.get('GetSecretValueCommand')).toBe(1);
  });

  it('reports a missing secret by name and tries again on the next call', async () => {
    const cache = new SecretCache(client);

    await expect(cache.get('culprit/missing')).rejects.toThrow(SecretUnavailableError);
    await expect(cache.get('culprit/missing')).rejects.toThrow(/secret culprit\/missing/);
    expect(calls.get('GetSecretValueCommand')).toBe(2);
  });
});
