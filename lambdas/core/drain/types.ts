/**
 * Public types of the template miner. Kept apart from the logic so that callers
 * (the CLI, the Lambdas, the detector) depend on a small, stable surface.
 */

/** The kinds of variable a masker recognises; `*` is a position Drain generalised. */
export type ParamType =
  | 'NUM'
  | 'HEX'
  | 'IP'
  | 'UUID'
  | 'URL'
  | 'PATH'
  | 'EMAIL'
  | 'DATE'
  | 'TIME'
  | 'DURATION'
  | 'SIZE'
  | 'ARN'
  | 'ID'
  | '*'
  | (string & {});

/** One variable part of a line, in the order it appears. */
export interface Param {
  readonly type: ParamType;
  readonly value: string;
}

/** What mining a line did to the template set. */
export type TemplateChange =
  /** The line started a new template. */
  | 'created'
  /** The line matched a template and generalised it (the template text changed). */
  | 'updated'
  /** The line matched a template as it was. */
  | 'none';

/**
 * A merge mining a line made: template `from` (a word-variant template whose distinguishing position
 * became a variable) now goes by `into`. `into` is the id `resolve(from)` gives right after the line.
 */
export interface TemplateMerge {
  readonly from: string;
  readonly into: string;
}

/** Result of mining one line. */
export interface MineResult {
  /** Stable id: the same cluster gets the same id in another process and after a restore. */
  readonly templateId: string;
  /** The template text after this line, masks written as `<TYPE>` and wildcards as `<*>`. */
  readonly template: string;
  /** The variable parts of the line, typed, in order. */
  readonly params: readonly Param[];
  readonly change: TemplateChange;
  /** Templates this line merged into others, in the order the miner merged them (usually none). */
  readonly merged: readonly TemplateMerge[];
}

/** Result of `match()`: like mining, but nothing is created or changed. */
export interface MatchResult {
  readonly templateId: string;
  readonly template: string;
  readonly params: readonly Param[];
}

/** A template as the miner knows it now. */
export interface TemplateInfo {
  readonly templateId: string;
  readonly template: string;
  /** Lines mined into this template since it was created (across snapshots). */
  readonly count: number;
}
