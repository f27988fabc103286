import { deploySchema } from '../../schemas';
import { CULPRIT_DEPLOY_DETAIL_TYPE, CULPRIT_DEPLOY_SOURCE, culpritDeployDetailSchema } from '../culprit-deploy-event';
import { resolveService } from '../service-map';
import { isoToMillis, parseDetail } from './parse-detail';
import type { DeploySourceReader } from './source-reader';

/** Custom events from `culprit deploy record` or a CI job (see culprit-deploy-event.ts for the shape). */
export const culpritCustomReader: DeploySourceReader = {
  source: CULPRIT_DEPLOY_SOURCE,
  detailType: CULPRIT_DEPLOY_DETAIL_TYPE,
  read(envelope, services) {
    const detail = parseDetail(culpritDeployDetailSchema, envelope);
    const timestamp = detail.timestamp ?? isoToMillis(envelope.time, 'time', envelope);
    const { id, service, ...rest } = detail;
    const deploy = deploySchema.parse({
      ...rest,
      id: id ?? `culprit:${envelope.id}`,
      // The mapping applies here too, so a CI job may report a repository name that maps to a service.
      service: resolveService(services, [service], service),
      // The table's sort key holds whole milliseconds.
      timestamp: Math.trunc(timestamp),
      source: 'ci',
    });
    return { kind: 'deploy', deploy };
  },
};
