/**
 * What the readers report about input they cannot use. Kept apart from the readers themselves so that every
 * reader can take a sink without importing the module that assembles them (which imports the readers).
 */

/** A line (or record) that could not be used: reported, counted and skipped. */
export interface LogProblem {
  readonly file: string;
  /** 1-based line number; for a JSON document, the 1-based index of the event in it (0: the whole file). */
  readonly line: number;
  readonly problem: string;
  /** Lines the problem stands for (one problem for a whole file's records that lack a field). @default 1 */
  readonly lines?: number;
}

export type ProblemSink = (problem: LogProblem) => void;
