import { resolveService, type ServiceMap } from '../deploys';

const LAMBDA_LOG_GROUP = '/aws/lambda/';

/**
 * The service a log group's lines belong to: the mapping's entry for the log group, else (for a Lambda
 * function's group `/aws/lambda/<name>`) the mapping's entry for the function, else the function name, which is
 * also what a Lambda deploy of that function is recorded under; any other group is its own service.
 */
export function serviceForLogGroup(services: ServiceMap, logGroup: string): string {
  if (logGroup.startsWith(LAMBDA_LOG_GROUP) && logGroup.length > LAMBDA_LOG_GROUP.length) {
    const functionName = logGroup.slice(LAMBDA_LOG_GROUP.length);
    return resolveService(services, [logGroup, functionName], functionName);
  }
  return resolveService(services, [logGroup], logGroup);
}

/** Whether ingest keeps events of `logGroup`: always without a prefix, else only groups under it. */
export function acceptsLogGroup(logGroup: string, prefix: string | undefined): boolean {
  return prefix === undefined || logGroup.startsWith(prefix);
}
