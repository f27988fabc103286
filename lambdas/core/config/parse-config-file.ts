import type { z } from 'zod';
import { ConfigFileError, type ConfigFileProblem } from './config-file-error';
import { CLI_ONLY_KEYS, configFileSchema, type ConfigFile } from './config-file-schema';

/** `logGroups[2].service`, `services["/aws/lambda/x"]`, or `(root)` — the same notation lib/config uses. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) text += text === '' ? part : `.${part}`;
    else text += `[${JSON.stringify(String(part))}]`;
  }
  return text === '' ? '(root)' : text;
}

function problemOf(issue: z.core.$ZodIssue): ConfigFileProblem {
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown setting(s) ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`
      : issue.message;
  return { path: formatConfigPath(issue.path), message };
}

/** Problems relating entries to each other, which zod cannot report alongside field problems. */
function crossProblems(config: ConfigFile): ConfigFileProblem[] {
  const problems: ConfigFileProblem[] = [];
  config.logGroups.forEach((entry, index) => {
    if (typeof entry === 'string' || entry.service === undefined) return;
    const mapped = config.services[entry.name];
    if (mapped !== undefined && mapped !== entry.service) {
      problems.push({
        path: `logGroups[${index}].service`,
        message: `says ${entry.service} but services["${entry.name}"] says ${mapped}`,
      });
    }
  });
  return problems;
}

/**
 * Validates a parsed `culprit.config.json` and applies defaults. Throws one {@link ConfigFileError} naming every
 * problem with its JSON path; `origin` (usually the file name) starts every line.
 */
export function parseConfigFile(input: unknown, origin = 'culprit.config.json'): ConfigFile {
  const parsed = configFileSchema.safeParse(input);
  if (!parsed.success) throw new ConfigFileError(origin, parsed.error.issues.map(problemOf), { cause: parsed.error });
  const problems = crossProblems(parsed.data);
  if (problems.length > 0) throw new ConfigFileError(origin, problems);
  return parsed.data;
}

/**
 * The raw file without the CLI-only keys, for the CDK app's `parseCulpritConfig` (lib/config), whose schema is
 * strict. Returns the input unchanged when it is not an object (lib then reports it).
 */
export function deploySettings(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const key of CLI_ONLY_KEYS) delete copy[key];
  return copy;
}
