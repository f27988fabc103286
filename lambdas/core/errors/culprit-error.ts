/** Root of Culprit's error hierarchy: every error names itself and keeps its cause. */
export class CulpritError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An input (file, event, config, message) that cannot be used; the message names the input and the problem. */
export class InvalidInputError extends CulpritError {}
