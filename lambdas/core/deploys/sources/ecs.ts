import { z } from 'zod';
import { deploySchema } from '../../schemas';
import { UnrecognisedDeployEventError } from '../errors';
import { resolveService } from '../service-map';
import { isoToMillis, parseDetail } from './parse-detail';
import type { DeploySourceReader } from './source-reader';

/** Detail of "ECS Deployment State Change" (Amazon ECS developer guide, service deployment events). */
const ecsDeploymentDetailSchema = z.object({
  eventType: z.string().min(1),
  eventName: z.string().min(1),
  deploymentId: z.string().min(1),
  updatedAt: z.string().min(1),
  reason: z.string().optional(),
});

/** `arn:aws:ecs:<region>:<account>:service/<cluster>/<service>`, or the old form without the cluster. */
const SERVICE_ARN = /^arn:[^:]+:ecs:[^:]*:[^:]*:service\/(?:([^/]+)\/)?([^/]+)$/;

export const ecsReader: DeploySourceReader = {
  source: 'aws.ecs',
  detailType: 'ECS Deployment State Change',
  read(envelope, services) {
    const detail = parseDetail(ecsDeploymentDetailSchema, envelope);
    if (detail.eventName !== 'SERVICE_DEPLOYMENT_COMPLETED') {
      return {
        kind: 'ignored',
        reason: `ECS deployment ${detail.deploymentId} reported ${detail.eventName}, not SERVICE_DEPLOYMENT_COMPLETED`,
      };
    }
    const match = envelope.resources.map((arn) => SERVICE_ARN.exec(arn)).find((found) => found !== null);
    const name = match?.[2];
    if (match === undefined || name === undefined) {
      throw new UnrecognisedDeployEventError(`event ${envelope.id} (aws.ecs) names no ECS service`, [
        `resources: expected an ECS service ARN, got ${JSON.stringify(envelope.resources)}`,
      ]);
    }
    const cluster = match[1];
    const qualified = cluster === undefined ? name : `${cluster}/${name}`;
    const deploy = deploySchema.parse({
      // A deployment id is unique within its service, so the service is part of the id.
      id: `ecs:${qualified}:${detail.deploymentId}`,
      service: resolveService(services, cluster === undefined ? [name] : [qualified, name], name),
      timestamp: isoToMillis(detail.updatedAt, 'detail.updatedAt', envelope),
      description: detail.reason ?? `ECS deployment ${detail.deploymentId} of ${qualified} completed`,
      source: 'ecs',
    });
    return { kind: 'deploy', deploy };
  },
};
