export { normaliseDeployEvent, DEPLOY_SOURCE_READERS } from './normalise-deploy-event';
export type { NormaliseOutcome } from './normalise-outcome';
export { UnrecognisedDeployEventError } from './errors';
export { eventEnvelopeSchema, type EventEnvelope } from './event-envelope';
export { resolveService, serviceMapSchema, type ServiceMap } from './service-map';
export { DEPLOYS_PARTITION_KEY, DEPLOYS_SORT_KEY, deploySortKey, deployWindowBounds } from './deploy-key';
export {
  CULPRIT_DEPLOY_SOURCE,
  CULPRIT_DEPLOY_DETAIL_TYPE,
  CULPRIT_DEFAULT_EVENT_BUS,
  culpritDeployDetailSchema,
  type CulpritDeployDetail,
} from './culprit-deploy-event';
export { LAMBDA_DEPLOY_API_CALLS, type DeploySourceReader } from './sources';
export {
  DEPLOY_LINK_PLACEHOLDERS,
  ciRunUrl,
  commitUrl,
  fillDeployLink,
  webUrl,
  type DeployLinkPlaceholder,
  type DeployLinkTemplates,
  type LinkableDeploy,
} from './deploy-links';
