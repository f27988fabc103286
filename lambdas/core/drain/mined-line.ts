import { typeName } from './mask-types';
import type { MineResult, Param, TemplateChange, TemplateMerge } from './types';

/** The span kind of a position Drain generalised (`*`); mask codes are ≥ 1. */
export const WILDCARD_SPAN = 0;

/**
 * The result of mining one line. Parameters are recorded as spans of the line (kind, start,
 * end) and become `Param` objects only when read: most callers (the analyzer, the ingest
 * Lambda) never read them, and building them was a good part of the cost of a line.
 */
export class MinedLine implements MineResult {
  private built: readonly Param[] | undefined;

  constructor(
    readonly templateId: string,
    readonly template: string,
    readonly change: TemplateChange,
    private readonly line: string,
    /** kind, start, end for each parameter, in order. */
    private readonly spans: readonly number[],
    readonly merged: readonly TemplateMerge[],
  ) {}

  get params(): readonly Param[] {
    if (this.built === undefined) this.built = paramsFromSpans(this.line, this.spans);
    return this.built;
  }

  /** Plain data, so `JSON.stringify` and structured clones see the parameters too. */
  toJSON(): MineResult {
    return {
      templateId: this.templateId,
      template: this.template,
      params: this.params,
      change: this.change,
      merged: this.merged,
    };
  }
}

export function paramsFromSpans(line: string, spans: readonly number[]): Param[] {
  const params: Param[] = [];
  for (let index = 0; index < spans.length; index += 3) {
    const kind = spans[index]!;
    params.push({
      type: kind === WILDCARD_SPAN ? '*' : typeName(kind),
      value: line.slice(spans[index + 1], spans[index + 2]),
    });
  }
  return params;
}
