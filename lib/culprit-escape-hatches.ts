import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { SettingsError, type SettingsProblem } from './config';

/**
 * What may be changed on a Culprit function: anything but its code, handler, role and log group, which the
 * construct's wiring and grants depend on. `environment` is merged with Culprit's own variables (Culprit's win).
 */
export type CulpritFunctionOverrides = Omit<
  Partial<NodejsFunctionProps>,
  'entry' | 'handler' | 'projectRoot' | 'depsLockFilePath' | 'role' | 'logGroup' | 'code'
>;

/**
 * Escape hatches in the AWS Solutions Constructs manner: bring resources you already have, or override the props
 * of the functions Culprit creates. These are CDK objects, so they exist only as construct props (not in
 * `culprit.config.json` or CDK context).
 */
export interface CulpritEscapeHatches {
  /**
   * An event bus you already have for `culprit.deploy` events and `Culprit Verdict` events, instead of the one
   * Culprit creates. Exclusive with `eventBusName`.
   * @default - Culprit creates a bus named `eventBusName`
   */
  readonly existingEventBusInterface?: IEventBus;
  /**
   * A Secrets Manager secret you already have holding the Slack webhook or bot token (the shapes `slackSecretName`
   * takes; a bot's channel goes in the secret as `{"token","channel"}`). Rank may read only it. Exclusive with
   * `slackSecretName` and `slackChannel`.
   * @default - `slackSecretName`, or no Slack messages
   */
  readonly existingSlackSecretObj?: ISecret;
  /** Props merged over the ingest function's defaults (memory, timeout, tracing, VPC, …). @default - none */
  readonly ingestFunctionProps?: CulpritFunctionOverrides;
  /** Props merged over the rank function's defaults. @default - none */
  readonly rankFunctionProps?: CulpritFunctionOverrides;
  /** Props merged over the deploys function's defaults. @default - none */
  readonly deploysFunctionProps?: CulpritFunctionOverrides;
  /** Props merged over the verify function's defaults (with `verification` on). @default - none */
  readonly verifyFunctionProps?: CulpritFunctionOverrides;
}

const ESCAPE_HATCH_KEYS = [
  'existingEventBusInterface',
  'existingSlackSecretObj',
  'ingestFunctionProps',
  'rankFunctionProps',
  'deploysFunctionProps',
  'verifyFunctionProps',
] as const satisfies readonly (keyof CulpritEscapeHatches)[];

// Compile-time guard: every escape hatch is in the list that separates them from the settings.
type UnlistedHatch = Exclude<keyof CulpritEscapeHatches, (typeof ESCAPE_HATCH_KEYS)[number]>;
const everyHatchListed: [UnlistedHatch] extends [never] ? true : UnlistedHatch = true;
void everyHatchListed;

/**
 * Separates the escape hatches from the settings (which the settings schema validates and which reject unknown
 * keys), and throws one `SettingsError` naming every conflict between the two.
 */
export function splitEscapeHatches<Props extends CulpritEscapeHatches>(
  props: Props,
  origin: string,
): { readonly hatches: CulpritEscapeHatches; readonly settings: Omit<Props, keyof CulpritEscapeHatches> } {
  const settings: Record<string, unknown> = { ...(props as Record<string, unknown>) };
  const hatches: Record<string, unknown> = {};
  for (const key of ESCAPE_HATCH_KEYS) {
    if (props[key] !== undefined) hatches[key] = props[key];
    delete settings[key];
  }
  const problems: SettingsProblem[] = [];
  const given = settings as { eventBusName?: unknown; slackSecretName?: unknown; slackChannel?: unknown };
  if (props.existingEventBusInterface !== undefined && given.eventBusName !== undefined)
    problems.push({ path: 'eventBusName', message: 'exclusive with existingEventBusInterface (the bus has its name)' });
  if (props.existingSlackSecretObj !== undefined) {
    if (given.slackSecretName !== undefined)
      problems.push({ path: 'slackSecretName', message: 'exclusive with existingSlackSecretObj' });
    if (given.slackChannel !== undefined)
      problems.push({
        path: 'slackChannel',
        message: 'exclusive with existingSlackSecretObj: put the channel in the secret as {"token","channel"}',
      });
  }
  if (problems.length > 0) throw new SettingsError(origin, problems);
  return {
    hatches: hatches as CulpritEscapeHatches,
    settings: settings as Omit<Props, keyof CulpritEscapeHatches>,
  };
}
