import { InvalidInputError } from '../errors';

/** One thing wrong with the file: where (`services["/aws/lambda/x"]`) and what. */
export interface ConfigFileProblem {
  readonly path: string;
  readonly message: string;
}

/** The configuration file cannot be used; the message has one `file: path: problem` line per problem. */
export class ConfigFileError extends InvalidInputError {
  readonly problems: readonly ConfigFileProblem[];

  constructor(origin: string, problems: readonly ConfigFileProblem[], options?: { cause?: unknown }) {
    super(problems.map((p) => `${origin}: ${p.path}: ${p.message}`).join('\n'), options);
    this.problems = problems;
  }
}
