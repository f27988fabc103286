import {
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CulpritError } from '../core/errors';

/** A secret could not be read (missing, no permission, binary). */
export class SecretUnavailableError extends CulpritError {}

/**
 * Secrets read once per container and kept: a verdict batch would otherwise call Secrets Manager per
 * record. A failed read is not kept, so the next call tries again.
 */
export class SecretCache {
  private readonly values = new Map<string, Promise<string>>();

  constructor(private readonly client: SecretsManagerClient) {}

  /** The secret's string value. */
  get(secretId: string): Promise<string> {
    let value = this.values.get(secretId);
    if (value === undefined) {
      value = this.read(secretId);
      this.values.set(secretId, value);
      value.catch(() => this.values.delete(secretId));
    }
    return value;
  }

  private async read(secretId: string): Promise<string> {
    let result: GetSecretValueCommandOutput;
    try {
      result = await this.client.send(new GetSecretValueCommand({ SecretId: secretId }));
    } catch (error) {
      throw new SecretUnavailableError(
        `secret ${secretId}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    if (result.SecretString === undefined || result.SecretString === '')
      throw new SecretUnavailableError(`secret ${secretId}: no string value (binary secrets are not supported)`);
    return result.SecretString;
  }
}
