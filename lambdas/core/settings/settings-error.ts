import { InvalidInputError } from '../errors';

/** One thing wrong with the settings: where (`logGroups[2].service`, `--lookback`) and what. */
export interface SettingsProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Settings that cannot be used, from any source (construct props, CDK context, culprit.config.json, command
 * line, Lambda environment). Lists every problem, so one run shows everything to fix; `origin` names the source.
 */
export class SettingsError extends InvalidInputError {
  readonly origin: string;
  readonly problems: readonly SettingsProblem[];

  constructor(origin: string, problems: readonly SettingsProblem[], options?: { cause?: unknown }) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((problem) => `  - ${problem.path}: ${problem.message}`);
    super([`Invalid Culprit configuration (${origin}), ${count}:`, ...lines].join('\n'), options);
    this.origin = origin;
    this.problems = problems;
  }
}
