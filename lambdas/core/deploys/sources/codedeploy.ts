import { z } from 'zod';
import { deploySchema } from '../../schemas';
import { resolveService } from '../service-map';
import { isoToMillis, parseDetail } from './parse-detail';
import type { DeploySourceReader } from './source-reader';

/** Detail of "CodeDeploy Deployment State-change Notification" (EventBridge events reference). */
const codeDeployDetailSchema = z.object({
  application: z.string().min(1),
  deploymentGroup: z.string().min(1),
  deploymentId: z.string().min(1),
  state: z.string().min(1),
  region: z.string().min(1).optional(),
  instanceGroupId: z.string().optional(),
});

export const codeDeployReader: DeploySourceReader = {
  source: 'aws.codedeploy',
  detailType: 'CodeDeploy Deployment State-change Notification',
  read(envelope, services) {
    const detail = parseDetail(codeDeployDetailSchema, envelope);
    if (detail.state !== 'SUCCESS') {
      return {
        kind: 'ignored',
        reason: `CodeDeploy deployment ${detail.deploymentId} is ${detail.state}, not SUCCESS`,
      };
    }
    const group = `${detail.application}/${detail.deploymentGroup}`;
    const region = detail.region ?? envelope.region;
    const deploy = deploySchema.parse({
      id: `codedeploy:${detail.deploymentId}`,
      // The group is the most specific name (one application is often deployed to several groups).
      service: resolveService(services, [group, detail.application], detail.application),
      timestamp: isoToMillis(envelope.time, 'time', envelope),
      description: `CodeDeploy deployment ${detail.deploymentId} of ${group} succeeded`,
      source: 'codedeploy',
      ...(region === undefined
        ? {}
        : {
            url: `https://${region}.console.aws.amazon.com/codesuite/codedeploy/deployments/${detail.deploymentId}?region=${region}`,
          }),
    });
    return { kind: 'deploy', deploy };
  },
};
