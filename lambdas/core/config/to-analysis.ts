import type { AnalysisOptionsInput } from '../analysis';
import { compileUserPattern } from '../patterns';
import type { ConfigFile } from './parse-config-file';

/**
 * The analysis options a configuration file gives (its defaults are the analysis defaults: the settings model
 * derives them from there).
 */
export function analysisOptionsFrom(config: ConfigFile): AnalysisOptionsInput {
  return {
    ...(config.maskPatterns.length === 0 ? {} : { miner: { maskPatterns: config.maskPatterns } }),
    detect: { learningMs: config.learningMinutes * 60_000 },
    rank: {
      lookbackMs: config.lookbackMinutes * 60_000,
      blameThreshold: config.blameConfidence,
      dependsOn: config.dependsOn,
    },
  };
}

/** Log group → service: `logGroups[].service` first, then `services`, else the log group name itself. */
export function serviceMapFrom(config: ConfigFile): ReadonlyMap<string, string> {
  const map = new Map<string, string>(Object.entries(config.services));
  for (const entry of config.logGroups) {
    if (typeof entry !== 'string' && entry.service !== undefined) map.set(entry.name, entry.service);
  }
  return map;
}

/** The log group names listed in `logGroups`. */
export function logGroupNamesFrom(config: ConfigFile): string[] {
  return config.logGroups.map((entry) => (typeof entry === 'string' ? entry : entry.name));
}

/** A function applying every redaction pattern, in order, to a line (in linear time: see lambdas/core/patterns). */
export function redactorFrom(config: ConfigFile): (line: string) => string {
  const rules = config.redactionPatterns.map((r) => ({
    pattern: compileUserPattern(r.pattern, `redaction pattern ${r.name}`),
    replacement: r.replacement,
  }));
  if (rules.length === 0) return (line) => line;
  return (line) => rules.reduce((text, rule) => rule.pattern.replaceAll(text, rule.replacement), line);
}
