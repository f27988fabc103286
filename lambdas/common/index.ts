// The pure part of what the handlers and the CDK app share: environment names and codecs, table keys, limits.
// The AWS SDK code is behind its own entry point, ./dynamodb, so importing this never drags the SDK in.
export { ENV } from './env-names';
export {
  parseEnv,
  ingestEnvSchema,
  rankEnvSchema,
  deploysEnvSchema,
  type IngestEnv,
  type RankEnv,
  type DeploysEnv,
} from './env';
export { MAX_FLUSH_INTERVAL_MS } from '../core/settings';
export { TABLE_KEYS, TTL_ATTRIBUTE, expiresAt, type TableKeys, type TableName } from './table-schema';
