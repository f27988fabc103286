import type { z } from 'zod';

/** Where a setting may be given. */
export type Surface =
  /** `Culprit` construct props and CDK context `culprit` */
  | 'stack'
  /** culprit.config.json (read by the CLI and by `cdk synth -c culpritConfigFile=…`) */
  | 'file'
  /** a flag of a `culprit` command */
  | 'cli'
  /** a Lambda environment variable (set by the stack, read by the handler) */
  | 'env';

/** The Lambda functions whose environment carries settings. */
export type LambdaName = 'ingest' | 'rank' | 'deploys';

/** How a setting travels in Lambda environments. */
export interface EnvCarrier {
  /** The variable's name. */
  readonly variable: string;
  /** The functions that get it. */
  readonly functions: readonly LambdaName[];
  /** The field the handler reads it as. @default the setting's name */
  readonly key?: string;
}

/** A command-line flag of a setting. */
export interface CliFlag {
  /** Commander flag syntax: `--lookback <minutes>`. */
  readonly flags: string;
  /** The commands that take it (`analyze`). */
  readonly commands: readonly string[];
}

/**
 * One setting, declared once: everything else (CDK props, config-file schema, Lambda environment, CLI flags,
 * docs/settings.md) is derived from it.
 */
export interface Setting<
  S extends z.ZodType = z.ZodType,
  W extends readonly Surface[] = readonly Surface[],
  E extends EnvCarrier | undefined = EnvCarrier | undefined,
> {
  /**
   * The value's rules; `.default(value)` declares the default, `.optional()` a setting without one (then
   * `absent` says what its absence means).
   */
  readonly schema: S;
  /** One line: what it does. Shown in `--help`, the settings table and the props' TSDoc. */
  readonly doc: string;
  /** More for the props' TSDoc and the settings table: costs, limits, interactions. */
  readonly details?: string;
  /** What it means when the setting is not given and has no default value. */
  readonly absent?: string;
  /** The unit of a number (`minutes`, `ms`, `days`). */
  readonly unit?: string;
  /** Where it may be set. */
  readonly where: W;
  /** How it travels in Lambda environments (with `'env'` in `where`). */
  readonly env?: E;
  /** Its command-line flag (with `'cli'` in `where`). */
  readonly cli?: CliFlag;
}

/** Declares a setting, keeping its schema and surfaces as literal types for the derived types. */
export function defineSetting<
  const S extends z.ZodType,
  const W extends readonly Surface[],
  const E extends EnvCarrier | undefined = undefined,
>(setting: Setting<S, W, E>): Setting<S, W, E> & (E extends EnvCarrier ? { readonly env: E } : unknown) {
  return setting as Setting<S, W, E> & (E extends EnvCarrier ? { readonly env: E } : unknown);
}

/** The default of a setting (from its schema), or undefined when it has none. */
export function defaultOf(setting: Setting): unknown {
  const parsed = setting.schema.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}
