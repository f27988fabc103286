import { z } from 'zod';
import { deploySchema } from '../../schemas';
import { UnrecognisedDeployEventError } from '../errors';
import { resolveService } from '../service-map';
import { isoToMillis, parseDetail } from './parse-detail';
import type { DeploySourceReader } from './source-reader';

/** Detail of "CloudFormation Stack Status Change" (CloudFormation user guide, events detail reference). */
const stackStatusDetailSchema = z.object({
  'stack-id': z.string().min(1),
  'status-details': z.object({
    status: z.string().min(1),
    'status-reason': z.string().optional(),
  }),
  'client-request-token': z.string().optional(),
});

/** The statuses that mean new resources are live; everything else is in progress, failed or a rollback. */
const DEPLOYED_STATUSES: ReadonlySet<string> = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE']);

/** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>` */
const STACK_ARN = /^arn:[^:]+:cloudformation:[^:]*:[^:]*:stack\/([^/]+)\/[^/]+$/;

export const cloudFormationReader: DeploySourceReader = {
  source: 'aws.cloudformation',
  detailType: 'CloudFormation Stack Status Change',
  read(envelope, services) {
    const detail = parseDetail(stackStatusDetailSchema, envelope);
    const stackId = detail['stack-id'];
    const status = detail['status-details'].status;
    if (!DEPLOYED_STATUSES.has(status)) {
      return { kind: 'ignored', reason: `stack ${stackId} reached ${status}, not CREATE_COMPLETE or UPDATE_COMPLETE` };
    }
    const stackName = STACK_ARN.exec(stackId)?.[1];
    if (stackName === undefined) {
      throw new UnrecognisedDeployEventError(`event ${envelope.id} (aws.cloudformation) has an unreadable stack id`, [
        `detail.stack-id: expected arn:…:cloudformation:…:stack/<name>/<uuid>, got ${JSON.stringify(stackId)}`,
      ]);
    }
    const token = detail['client-request-token'];
    const region = envelope.region;
    const deploy = deploySchema.parse({
      // EventBridge keeps the event id when it redelivers, and one stack operation ends in one status change.
      id: `cloudformation:${envelope.id}`,
      service: resolveService(services, [stackName], stackName),
      timestamp: isoToMillis(envelope.time, 'time', envelope),
      description: `stack ${stackName} reached ${status}${token === undefined || token === '' ? '' : ` (${token})`}`,
      source: 'cloudformation',
      ...(region === undefined
        ? {}
        : {
            url: `https://${region}.console.aws.amazon.com/cloudformation/home?region=${region}#/stacks/stackinfo?stackId=${encodeURIComponent(stackId)}`,
          }),
    });
    return { kind: 'deploy', deploy };
  },
};
