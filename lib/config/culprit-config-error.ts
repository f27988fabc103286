import { InvalidInputError } from '../../lambdas/core/errors';

/** One thing wrong with the configuration: where (`thresholds.blameConfidence`) and what. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/** The configuration cannot be used. Lists every problem, so one synth shows everything to fix. */
export class CulpritConfigError extends InvalidInputError {
  readonly problems: readonly ConfigProblem[];

  constructor(origin: string, problems: readonly ConfigProblem[], options?: { cause?: unknown }) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((problem) => `  - ${problem.path}: ${problem.message}`);
    super([`Invalid Culprit configuration (${origin}), ${count}:`, ...lines].join('\n'), options);
    this.problems = problems;
  }
}
