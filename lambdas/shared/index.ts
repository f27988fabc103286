export { ENV } from './env-names';
export {
  parseEnv,
  MAX_FLUSH_INTERVAL_MS,
  ingestEnvSchema,
  rankEnvSchema,
  deploysEnvSchema,
  type IngestEnv,
  type RankEnv,
  type DeploysEnv,
} from './env';
export { TABLE_KEYS, TTL_ATTRIBUTE, expiresAt, type TableKeys, type TableName } from './table-schema';
export { putDeploy, queryDeploys, type DeploysTable, type PutDeployResult } from './deploys-table';
