/**
 * Every Culprit setting, declared once (each group in its own file). The types and schemas below are derived
 * from it; so are the CDK props, the Lambda environments, the CLI flags and docs/settings.md.
 */
import { z } from 'zod';
import { ACTION_SETTINGS } from './action-settings';
import { ANALYSIS_SETTINGS } from './analysis-settings';
import { INGEST_SETTINGS } from './ingest-settings';
import type { Setting, Surface } from './setting';
import { SOURCE_SETTINGS } from './source-settings';
import { STORAGE_SETTINGS } from './storage-settings';

export const SETTINGS = {
  ...SOURCE_SETTINGS,
  ...ANALYSIS_SETTINGS,
  ...INGEST_SETTINGS,
  ...STORAGE_SETTINGS,
  ...ACTION_SETTINGS,
} as const;

type Catalog = typeof SETTINGS;
export type SettingName = keyof Catalog;

/** The settings that may be given on `surface`. */
export type SettingNameOn<W extends Surface> = {
  [K in SettingName]: W extends Catalog[K]['where'][number] ? K : never;
}[SettingName];

/** The zod shape of the settings of `surface`. */
export type SettingsShape<W extends Surface> = { [K in SettingNameOn<W>]: Catalog[K]['schema'] };
export type SettingsSchema<W extends Surface> = z.ZodObject<SettingsShape<W>, z.core.$strict>;
/** The settings of `surface` as written: every one optional. */
export type SettingsInput<W extends Surface> = z.input<SettingsSchema<W>>;
/** The settings of `surface` after validation, defaults applied. */
export type SettingsOf<W extends Surface> = z.output<SettingsSchema<W>>;

/** Every setting with its name, in declaration order. */
export function allSettings(): [SettingName, Setting][] {
  return Object.entries(SETTINGS) as [SettingName, Setting][];
}

/** The names of the settings that may be given on `surface`, in declaration order. */
export function settingNamesOn<W extends Surface>(surface: W): SettingNameOn<W>[] {
  return allSettings()
    .filter(([, setting]) => setting.where.includes(surface))
    .map(([name]) => name as SettingNameOn<W>);
}

/** A strict zod object of the settings of `surface` (unknown keys are problems). */
export function settingsSchema<W extends Surface>(surface: W): SettingsSchema<W> {
  const shape = Object.fromEntries(settingNamesOn(surface).map((name) => [name, SETTINGS[name].schema]));
  return z.strictObject(shape) as unknown as SettingsSchema<W>;
}
