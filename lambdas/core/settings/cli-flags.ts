/**
 * The settings a `culprit` command takes as flags: their help text (with the default) and their parsing, with the
 * same schema as the config file, so `--lookback 1e9` is refused as `"lookbackMinutes": 1e9` is.
 */
import { z } from 'zod';
import { SETTINGS, allSettings, type SettingName } from './catalog';
import { decodeSettingText } from './env-codec';
import { defaultOf, type Setting } from './setting';

/** A setting's flag on one command. */
export interface SettingFlag {
  readonly setting: SettingName;
  /** Commander syntax: `--lookback <minutes>`. */
  readonly flags: string;
  /** The long flag: `--lookback`. */
  readonly long: string;
  /** The key commander stores its value under: `lookback`, `blameThreshold`. */
  readonly attribute: string;
  /** The setting's doc, with its unit and default. */
  readonly description: string;
}

function longFlag(flags: string): string {
  const long = /--[a-z][a-z0-9-]*/.exec(flags)?.[0];
  if (long === undefined) throw new Error(`no long flag in ${flags}`);
  return long;
}

/** Commander's attribute name of a long flag: `--blame-threshold` → `blameThreshold`. */
function attributeOf(long: string): string {
  return long.slice(2).replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** The default as `--help` shows it: the value, or what absence means. */
export function defaultText(setting: Setting): string | undefined {
  const value = defaultOf(setting);
  if (value !== undefined) return JSON.stringify(value);
  return setting.absent;
}

function describe(setting: Setting): string {
  // Lower-case like commander's own help lines; the doc is a sentence elsewhere.
  const doc = setting.doc.replace(/\.$/, '').replace(/^[A-Z](?=[a-z])/, (letter) => letter.toLowerCase());
  const unit = setting.unit === undefined ? '' : `, in ${setting.unit}`;
  const fallback = defaultText(setting);
  return `${doc}${unit}${fallback === undefined ? '' : ` (default: ${fallback})`}`;
}

/** The flags of `command` that set settings, in declaration order. */
export function settingFlags(command: string): SettingFlag[] {
  const flags: SettingFlag[] = [];
  for (const [name, setting] of allSettings()) {
    if (setting.cli === undefined || !setting.cli.commands.includes(command)) continue;
    const long = longFlag(setting.cli.flags);
    flags.push({
      setting: name,
      flags: setting.cli.flags,
      long,
      attribute: attributeOf(long),
      description: describe(setting),
    });
  }
  return flags;
}

/**
 * A zod field for a command's options object: setting `name`'s flag value (text from commander, or a number from
 * a caller), checked by the setting's schema; absent stays absent (the config file or the default decides).
 */
export function settingFlagValue<K extends SettingName>(name: K) {
  const schema: z.ZodType = SETTINGS[name].schema;
  const checked = z.union([z.string(), z.number()]).transform((value, ctx) => {
    if (typeof value === 'string') return decodeSettingText(schema, value, ctx);
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });
  return (
    checked as unknown as z.ZodType<NonNullable<z.output<(typeof SETTINGS)[K]['schema']>>, string | number>
  ).optional();
}
