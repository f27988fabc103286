/**
 * `culprit.config.json`, the one configuration file both the `culprit` CLI and the CDK app read. Its settings
 * are the model's (lambdas/core/settings) that may be set in a file: the stack's and the CLI's.
 */
import type { z } from 'zod';
import { parseSettings, type SettingsInput, type SettingsOf, type SETTINGS } from '../settings';

/** The file as written. */
export type ConfigFileInput = SettingsInput<'file'> & { readonly $schema?: string };
/** The file after validation, defaults applied. */
export type ConfigFile = SettingsOf<'file'>;
export type RedactionPattern = z.output<(typeof SETTINGS)['redactionPatterns']['schema']>[number];

/**
 * Validates a parsed `culprit.config.json` and applies defaults. Throws one `SettingsError` naming every problem
 * with its JSON path; `origin` (usually the file name) names the file.
 */
export function parseConfigFile(input: unknown, origin = 'culprit.config.json'): ConfigFile {
  return parseSettings('file', input, origin);
}
