/**
 * What the functions write to their own log groups is billed like any CloudWatch Logs ingestion; ingest runs
 * once per delivery, so its per-invocation platform lines must not be written.
 */
import { logicalId, synthCulprit } from './synth-culprit';

describe('the functions’ own logs', () => {
  const { template } = synthCulprit({ logGroups: ['/aws/lambda/checkout'] });
  const loggingConfigOf = (fragment: string): unknown =>
    template.findResources('AWS::Lambda::Function')[logicalId(template, 'AWS::Lambda::Function', fragment)]?.Properties
      ?.LoggingConfig;

  it('leave out ingest’s START, END and REPORT lines while keeping its application logs and metrics', () => {
    expect(loggingConfigOf('IngestFunction')).toEqual(
      expect.objectContaining({ LogFormat: 'JSON', SystemLogLevel: 'WARN', ApplicationLogLevel: 'INFO' }),
    );
  });

  it('keep every line of the functions that run per anomaly batch or per deploy', () => {
    for (const fragment of ['RankFunction', 'DeploysFunction']) {
      expect(loggingConfigOf(fragment)).not.toEqual(expect.objectContaining({ SystemLogLevel: expect.anything() }));
    }
  });
});
