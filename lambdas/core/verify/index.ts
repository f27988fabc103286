export {
  parseVerifyInput,
  verifyInputSchema,
  VERIFY_DEFAULTS,
  type VerifyRequest,
  type VerifyInputRaw,
} from './verify-input';
export { judgeDeploy, type DeployVerdict, type JudgeOptions } from './judge-deploy';
