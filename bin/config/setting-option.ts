/**
 * Command-line options for settings of the model (lambdas/core/settings): flag, help text and default come from
 * the setting, and the value is checked by the setting's own schema (`settingFlagValue`), the config file's.
 */
import { Option } from 'commander';
import { settingFlags, type SettingName } from '../../lambdas/core/settings';

/** The commander option of setting `name` on `command`. */
export function settingOption(command: string, name: SettingName): Option {
  const flag = settingFlags(command).find((candidate) => candidate.setting === name);
  if (flag === undefined) throw new Error(`setting ${name} has no flag on ${command} (lambdas/core/settings)`);
  return new Option(flag.flags, flag.description);
}

/** `--blame-threshold` for commander's attribute `blameThreshold` when it is a setting's flag, else `--name`. */
export function flagOf(command: string, attribute: string): string {
  return settingFlags(command).find((flag) => flag.attribute === attribute)?.long ?? `--${attribute}`;
}
