import type { Logger } from '@aws-lambda-powertools/logger';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { createRedactor, redactDeep, type Redactor } from '../core/notify';
import { judgeDeploy, parseVerifyInput, type DeployVerdict, type JudgeOptions } from '../core/verify';
import { readLogEvents, type LogReaderOptions } from './log-reader';

export interface VerifyHandlerDeps {
  readonly logs: CloudWatchLogsClient;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly judge?: JudgeOptions;
  readonly reader?: LogReaderOptions;
  /** @default Date.now */
  readonly now?: () => number;
  /**
   * Applied to the answer: the state machine logs its execution data, and the evidence quotes log templates.
   * @default createRedactor() (the built-in rules)
   */
  readonly redact?: Redactor;
}

/**
 * The verify function: parse the request, read the service's logs for the window before and after the deploy
 * (never past now: a verification started early judges what exists), judge, answer. Bad input throws, so
 * the state machine's task fails instead of passing a meaningless verdict.
 */
export function createVerifyHandler(deps: VerifyHandlerDeps): (event: unknown) => Promise<DeployVerdict> {
  const now = deps.now ?? Date.now;
  const redact = deps.redact ?? createRedactor();
  return async (event) => {
    const request = parseVerifyInput(event);
    const range = {
      from: request.deployTime - request.windowMs,
      to: Math.min(request.deployTime + request.windowMs, now()),
    };
    const { events, truncated } = await readLogEvents(
      deps.logs,
      request.logGroups,
      request.service,
      range,
      deps.reader,
    );
    if (truncated)
      deps.logger.warn('verification read only part of the window', {
        logService: request.service,
        logGroups: request.logGroups,
      });
    const verdict = redactDeep(await judgeDeploy(request, events, deps.judge), redact);
    deps.logger.info('deploy verified', {
      logService: request.service,
      deployTime: new Date(request.deployTime).toISOString(),
      verdict: verdict.verdict,
      confidence: verdict.confidence,
    });
    return verdict;
  };
}
