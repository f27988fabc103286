import { KINESIS_DEFAULTS, type SettingsInput, type SettingsOf } from '../../lambdas/core/settings';

type KinesisSetting = keyof typeof KINESIS_DEFAULTS;

/** How deliveries reach ingest, with the settings of that transport. */
export type TransportSettings =
  | { readonly ingestTransport: 'lambda' }
  | {
      readonly ingestTransport: 'kinesis';
      readonly kinesisShardCount: number;
      readonly kinesisBatchSize: number;
      readonly kinesisMaxBatchingWindowSeconds: number;
    };

/** The configuration as written (every field optional). */
export type CulpritConfigInput = SettingsInput<'stack'>;
/** The configuration after validation, defaults applied; the Kinesis settings only with that transport. */
export type CulpritConfig = Omit<SettingsOf<'stack'>, 'ingestTransport' | KinesisSetting> & TransportSettings;

/**
 * The Kinesis settings exist in the result only with `ingestTransport: 'kinesis'`, defaults applied there. So a
 * parsed configuration parses again to itself (CulpritStack and bin/app.ts hand one to `Culprit`, which parses its
 * props), and a kinesis setting next to the Lambda transport is still the user's (the cross-field checks).
 */
export function withTransportSettings(settings: SettingsOf<'stack'>): CulpritConfig {
  const { ingestTransport, kinesisShardCount, kinesisBatchSize, kinesisMaxBatchingWindowSeconds, ...rest } = settings;
  if (ingestTransport === 'lambda') return { ...rest, ingestTransport };
  return {
    ...rest,
    ingestTransport,
    kinesisShardCount: kinesisShardCount ?? KINESIS_DEFAULTS.kinesisShardCount,
    kinesisBatchSize: kinesisBatchSize ?? KINESIS_DEFAULTS.kinesisBatchSize,
    kinesisMaxBatchingWindowSeconds:
      kinesisMaxBatchingWindowSeconds ?? KINESIS_DEFAULTS.kinesisMaxBatchingWindowSeconds,
  };
}
