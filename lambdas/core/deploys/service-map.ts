import { z } from 'zod';

/**
 * Resource name → service name. Keys are what AWS reports (an ECS service name, `cluster/service`,
 * a CodeDeploy `application/deploymentGroup` or application, a CloudFormation stack name, a Lambda
 * function name, a log group name); values are the service names the ranker matches against logs.
 */
export const serviceMapSchema = z.record(z.string().min(1), z.string().min(1));

export type ServiceMap = Readonly<Record<string, string>>;

/**
 * The service for a resource: the first candidate key present in the map, else `fallback` (the
 * resource's own name). Candidates go from most to least specific, e.g. `cluster/service` then `service`.
 */
export function resolveService(map: ServiceMap, candidates: readonly string[], fallback: string): string {
  for (const candidate of candidates) {
    // Own-property check: a resource named `constructor` must not resolve through Object.prototype.
    if (Object.hasOwn(map, candidate)) {
      const service = map[candidate];
      if (service !== undefined) return service;
    }
  }
  return fallback;
}
