import { InvalidInputError } from '../errors';

/**
 * An EventBridge event the deploys normaliser does not know how to read. Culprit never guesses a deploy
 * from a shape it does not recognise: a wrong service or timestamp would mislead the ranking.
 */
export class UnrecognisedDeployEventError extends InvalidInputError {
  /** Each problem found, `path: message`, so a log line shows every reason at once. */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = [], options?: { cause?: unknown }) {
    super(problems.length === 0 ? message : `${message}: ${problems.join('; ')}`, options);
    this.problems = problems;
  }
}
