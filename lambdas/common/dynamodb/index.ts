// The AWS SDK part of what the handlers share (DynamoDB access); the pure part is ../index.ts.
export { putDeploy, queryDeploys, type DeploysTable, type PutDeployResult } from './deploys-table';
export { listServices, registerService, type ServiceRegistry } from './service-registry';
export { queryItems } from './query-items';
