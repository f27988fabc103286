/**
 * Settings in Lambda environments: the stack encodes them (strings as they are, anything else as JSON) and the
 * handlers decode them with the setting's own schema, so a value means the same on both sides. An absent
 * variable means the setting's default.
 */
import { z } from 'zod';
import { type SETTINGS, allSettings, type SettingName } from './catalog';
import type { EnvCarrier, LambdaName } from './setting';

type Catalog = typeof SETTINGS;

/** The field a handler reads a setting as. */
type EnvKeyOf<K extends SettingName> =
  NonNullable<Catalog[K]['env']> extends { readonly key: infer N extends string } ? N : K;

/** The settings in `F`'s environment, under the names the handler reads them as. */
export type EnvSettingsOf<F extends LambdaName> = {
  [K in SettingName as NonNullable<Catalog[K]['env']> extends { readonly functions: readonly (infer L)[] }
    ? F extends L
      ? EnvKeyOf<K>
      : never
    : never]: z.output<Catalog[K]['schema']>;
};

function carried(fn: LambdaName): [SettingName, EnvCarrier, z.ZodType][] {
  const result: [SettingName, EnvCarrier, z.ZodType][] = [];
  for (const [name, setting] of allSettings()) {
    if (setting.env?.functions.includes(fn)) result.push([name, setting.env, setting.schema]);
  }
  return result;
}

/** The variables carrying `fn`'s settings, from validated values; an undefined value is left out. */
export function settingsEnvironment(
  fn: LambdaName,
  values: Readonly<Partial<Record<SettingName, unknown>>>,
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, env] of carried(fn)) {
    const value = values[name];
    if (value === undefined) continue;
    environment[env.variable] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return environment;
}

/**
 * Reads a setting's value from text (an environment variable or a command-line flag): as the text itself when
 * the schema takes it, else as JSON (numbers, booleans, objects, arrays).
 */
export function decodeSettingText(schema: z.ZodType, text: string, ctx: z.RefinementCtx): unknown {
  const direct = schema.safeParse(text);
  if (direct.success) return direct.data;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Text the schema does not take as it is, and not JSON either: say which of the two it should have been.
    const expected = direct.error.issues[0]?.code === 'invalid_type' ? direct.error.issues[0].expected : 'string';
    const message =
      expected === 'string'
        ? (direct.error.issues[0]?.message ?? 'invalid')
        : expected === 'number'
          ? `not a number: ${JSON.stringify(text)}`
          : `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  const decoded = schema.safeParse(json);
  if (decoded.success) return decoded.data;
  for (const issue of decoded.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
}

/** Zod fields reading `fn`'s settings from their variables, and the handler's name for each. */
export function envSettingsFields(fn: LambdaName): { variable: string; key: string; field: z.ZodType }[] {
  return carried(fn).map(([name, env, schema]) => ({
    variable: env.variable,
    key: env.key ?? name,
    field: z
      .string()
      .optional()
      .transform((text, ctx) => (text === undefined ? schema.parse(undefined) : decodeSettingText(schema, text, ctx))),
  }));
}
