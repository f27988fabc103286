import type { z } from 'zod';
import { settingNamesOn, settingsSchema, type SettingsOf } from './catalog';
import { crossFieldProblems } from './cross-field-checks';
import { formatSettingsPath } from './format-path';
import { SettingsError, type SettingsProblem } from './settings-error';

/** The zod issues of a settings parse as problems, each under its path. */
export function problemsOf(issues: readonly z.core.$ZodIssue[]): SettingsProblem[] {
  return issues.map((issue) => ({
    path: formatSettingsPath(issue.path),
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown setting(s) ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`
        : issue.message,
  }));
}

/**
 * Validates the settings of the stack (construct props, CDK context) or of culprit.config.json and applies the
 * defaults. Throws one {@link SettingsError} naming every problem; `origin` says where the input came from.
 * A file may carry `$schema` (an editor's hint, ignored).
 */
export function parseSettings<W extends 'stack' | 'file'>(surface: W, input: unknown, origin: string): SettingsOf<W> {
  const raw = input ?? {};
  const hintProblems: SettingsProblem[] = [];
  let withoutHint = raw;
  if (surface === 'file' && typeof raw === 'object' && raw !== null && !Array.isArray(raw) && '$schema' in raw) {
    const { $schema, ...rest } = raw as Record<string, unknown>;
    withoutHint = rest;
    if (typeof $schema !== 'string') hintProblems.push({ path: '$schema', message: 'must be a string (a URL)' });
  }
  const parsed = settingsSchema(surface).safeParse(withoutHint);
  const problems = [
    ...hintProblems,
    ...(parsed.success ? [] : problemsOf(parsed.error.issues)),
    ...crossFieldProblems(withoutHint),
  ];
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new SettingsError(origin, problems, parsed.success ? undefined : { cause: parsed.error });
}

/**
 * A raw culprit.config.json without what only the CLI reads (`$schema`, `learningMinutes`, …), for the stack's
 * strict schema; a key neither knows stays, so the stack reports it. A non-object is returned as is.
 */
export function stackSettingsOf(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const stackKeys = new Set<string>(settingNamesOn('stack'));
  const cliOnly = new Set<string>(['$schema', ...settingNamesOn('file').filter((name) => !stackKeys.has(name))]);
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !cliOnly.has(key)));
}
