import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Code, LayerVersion } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { CulpritError } from '../../lambdas/core/errors';
import { FUNCTION_DEFAULTS } from '../defaults';

/**
 * The no-op external extension (lambdas/extensions/shutdown-signal) as a layer: with an extension registered,
 * Lambda sends the runtime SIGTERM before shutting an environment down, and ingest flushes its buffers then.
 */
export class ShutdownSignalLayer extends Construct {
  readonly layer: LayerVersion;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Same place from source (lib/parts) and from dist/lib/parts: the layer is plain files, not compiled.
    const candidates = [
      resolve(__dirname, '..', '..', 'lambdas', 'extensions', 'shutdown-signal'),
      resolve(__dirname, '..', '..', '..', 'lambdas', 'extensions', 'shutdown-signal'),
    ];
    const dir = candidates.find((candidate) => existsSync(resolve(candidate, 'extensions', 'culprit-shutdown-signal')));
    if (dir === undefined)
      throw new CulpritError(
        `Culprit: the shutdown-signal extension is missing; looked in ${candidates.join(' and ')}`,
      );
    this.layer = new LayerVersion(this, 'Layer', {
      code: Code.fromAsset(dir, { exclude: ['README.md'] }),
      compatibleArchitectures: [FUNCTION_DEFAULTS.architecture],
      compatibleRuntimes: [FUNCTION_DEFAULTS.runtime],
      description: 'Culprit: no-op Lambda extension so the ingest runtime receives SIGTERM and flushes its buffers',
    });
  }
}
