/**
 * Verify Lambda: called by the verification state machine some minutes after a deploy with
 * `{ service, deployTime, logGroup(s), windowMinutes? }`; answers `{ verdict: 'healthy' | 'suspect',
 * confidence, evidence }`. Thin adapter: the work is in create-verify-handler.ts and lambdas/core/verify.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { DeployVerdict } from '../core/verify';
import { createVerifyHandler } from './create-verify-handler';

const logger = new Logger();
let verify: ((event: unknown) => Promise<DeployVerdict>) | undefined;

export async function handler(event: unknown): Promise<DeployVerdict> {
  verify ??= createVerifyHandler({ logs: new CloudWatchLogsClient({}), logger });
  return verify(event);
}
