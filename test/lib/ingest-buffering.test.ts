import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { SettingsError, parseCulpritConfig } from '../../lib';
import { logicalId, synthCulprit } from './synth-culprit';

const EXTENSION = resolve(
  __dirname,
  '..',
  '..',
  'lambdas',
  'extensions',
  'shutdown-signal',
  'extensions',
  'culprit-shutdown-signal',
);

describe('the ingest function buffering deliveries between flushes', () => {
  const { template } = synthCulprit({ logGroups: ['/ecs/checkout'], ingestFlushIntervalMs: 30_000 });

  it('carries the shutdown-signal extension layer, so Lambda sends its runtime SIGTERM before shutting it down', () => {
    const layer = logicalId(template, 'AWS::Lambda::LayerVersion', 'ShutdownSignal');

    template.hasResourceProperties('AWS::Lambda::LayerVersion', {
      CompatibleArchitectures: ['arm64'],
      CompatibleRuntimes: ['nodejs22.x'],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Culprit ingest'),
      Layers: [{ Ref: layer }],
    });
  });

  it('leaves the other functions without the layer', () => {
    const withLayers = Object.keys(
      template.findResources('AWS::Lambda::Function', { Properties: { Layers: Match.anyValue() } }),
    );

    expect(withLayers).toEqual([logicalId(template, 'AWS::Lambda::Function', 'IngestFunction')]);
  });

  it('ships the extension as an executable under extensions/, where Lambda looks for external extensions', () => {
    expect(statSync(EXTENSION).mode & 0o111).toBe(0o111);
  });

  it('passes the configured flush interval to ingest', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Culprit ingest'),
      Environment: { Variables: Match.objectLike({ CULPRIT_INGEST_FLUSH_INTERVAL_MS: '30000' }) },
    });
  });

  it('accepts 0 (commit every delivery) and rejects a negative, fractional or over-long interval', () => {
    expect(parseCulpritConfig({ ingestFlushIntervalMs: 0 }).ingestFlushIntervalMs).toBe(0);
    for (const bad of [-1, 1.5, 900_001])
      expect(() => parseCulpritConfig({ ingestFlushIntervalMs: bad })).toThrow(SettingsError);
    expect(() => parseCulpritConfig({ ingestFlushIntervalMs: 900_001 })).toThrow(
      /ingestFlushIntervalMs: must be at most 900000 \(15 minutes\)/,
    );
  });
});
