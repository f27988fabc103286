export { codeDeployReader } from './codedeploy';
export { ecsReader } from './ecs';
export { cloudFormationReader } from './cloudformation';
export { lambdaCloudTrailReader, LAMBDA_DEPLOY_API_CALLS } from './lambda-cloudtrail';
export { culpritCustomReader } from './culprit-custom';
export type { DeploySourceReader } from './source-reader';
