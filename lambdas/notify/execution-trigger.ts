import type { Logger } from '@aws-lambda-powertools/logger';
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { createRedactor, deployToAct, executionName, redactDeep, type Redactor } from '../core/notify';
import { verdictEventDetail, type Verdict } from '../core/pipeline';
import { SETTINGS } from '../core/settings';

export type TriggerResult =
  | { readonly status: 'started'; readonly name: string; readonly executionArn: string }
  | { readonly status: 'already-started'; readonly name: string }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly name: string; readonly error: string };

export interface ExecutionTriggerProps {
  readonly client: SFNClient;
  readonly stateMachineArn: string;
  /** A verdict must blame a deploy at least this confidently. @default the triggerConfidence setting's default */
  readonly minConfidence?: number;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /**
   * Applied to every string of the execution input: a machine that logs its execution data would otherwise
   * write secrets from log lines into its own logs. @default createRedactor() (the built-in rules)
   */
  readonly redact?: Redactor;
}

/** The triggerConfidence setting's default, declared (with why) in the settings model only. */
export const TRIGGER_MIN_CONFIDENCE: number = SETTINGS.triggerConfidence.schema.parse(undefined);

/**
 * Starts the configured state machine when a verdict blames a deploy confidently enough. The execution is
 * named after the incident and the deploy, so the same verdict announced twice starts one execution:
 * Step Functions refuses the second name (ExecutionAlreadyExists), which is success here. Never throws.
 */
export class ExecutionTrigger {
  private readonly redact: Redactor;

  constructor(private readonly props: ExecutionTriggerProps) {
    this.redact = props.redact ?? createRedactor();
  }

  async trigger(verdict: Verdict): Promise<TriggerResult> {
    const minConfidence = this.props.minConfidence ?? TRIGGER_MIN_CONFIDENCE;
    const deploy = deployToAct(verdict, minConfidence);
    if (deploy === undefined)
      return {
        status: 'skipped',
        reason: verdict.blamed === null ? 'no deploy blamed' : `blamed below ${minConfidence}`,
      };
    const name = executionName(verdict.incidentId, deploy.deployId);
    const input = redactDeep(
      {
        incidentId: verdict.incidentId,
        deploy: {
          id: deploy.deployId,
          service: deploy.service,
          deployTime: new Date(deploy.timestamp).toISOString(),
          version: deploy.version,
          commit: deploy.commit,
          url: deploy.url,
          confidence: deploy.confidence,
        },
        verdict: verdictEventDetail(verdict, []),
      },
      this.redact,
    );
    try {
      const started = await this.props.client.send(
        new StartExecutionCommand({ stateMachineArn: this.props.stateMachineArn, name, input: JSON.stringify(input) }),
      );
      this.props.logger.info('state machine started', {
        incidentId: verdict.incidentId,
        deployId: deploy.deployId,
        name,
      });
      return { status: 'started', name, executionArn: started.executionArn ?? '' };
    } catch (error) {
      if (
        error instanceof ExecutionAlreadyExists ||
        (error instanceof Error && error.name === 'ExecutionAlreadyExists')
      )
        return { status: 'already-started', name };
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.props.logger.error('state machine not started', { incidentId: verdict.incidentId, name, error: text });
      return { status: 'failed', name, error: text };
    }
  }
}
