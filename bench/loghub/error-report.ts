/**
 * Explains where a miner goes wrong on a dataset, biggest loss first, for tuning.
 *
 * Grouping errors: link every true template to every predicted template that shares a line with
 * it; each connected set that is not exactly one true and one predicted template is a mistake
 * and costs GA all of its lines. It is a SPLIT (one true template spread over several predicted
 * ones: the miner does not generalise enough), MERGED (several true templates in one predicted
 * one: it generalises too much) or both.
 *
 * Template errors: groups that are right but whose template text differs from the truth after
 * normalisation (these cost PA only): usually a mask eating a constant or a constant left in.
 */
import type { DatasetEvaluation, LineOutcome } from './evaluate';

export type GroupingErrorKind = 'SPLIT' | 'MERGED' | 'SPLIT+MERGED';

export interface PredictedInError {
  readonly templateId: string;
  readonly template: string;
  readonly lines: number;
  /** Lines of this predicted template per true template (index into `truths`). */
  readonly truthCounts: ReadonlyMap<number, number>;
  /** The first line mined into it. */
  readonly example: string;
}

export interface GroupingError {
  readonly kind: GroupingErrorKind;
  readonly lines: number;
  /** True templates in comparable form (the grouping labels), most lines first. */
  readonly truths: readonly { readonly template: string; readonly lines: number }[];
  readonly predicted: readonly PredictedInError[];
}

export interface TemplateError {
  readonly lines: number;
  readonly truth: string;
  readonly predicted: string;
  readonly predictedRaw: string;
  readonly example: string;
}

class DisjointSets {
  private readonly parent = new Map<string, string>();
  find(key: string): string {
    let root = key;
    for (let up = this.parent.get(root); up !== undefined && up !== root; up = this.parent.get(root)) root = up;
    this.parent.set(key, root);
    return root;
  }
  union(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootA, rootB);
  }
}

function byDescendingLines<T extends { lines: number }>(a: T, b: T): number {
  return b.lines - a.lines;
}

/** Grouping errors, most lines first. */
export function groupingErrors(evaluation: DatasetEvaluation): GroupingError[] {
  const sets = new DisjointSets();
  for (const line of evaluation.lines) sets.union(`T${line.truthLabel}`, `P${line.predictedLabel}`);
  const components = new Map<string, LineOutcome[]>();
  for (const line of evaluation.lines) {
    const root = sets.find(`P${line.predictedLabel}`);
    const members = components.get(root) ?? [];
    members.push(line);
    components.set(root, members);
  }
  const errors: GroupingError[] = [];
  for (const members of components.values()) {
    const truthLines = new Map<string, { template: string; lines: number }>();
    const predictedLines = new Map<string, LineOutcome[]>();
    for (const line of members) {
      const truth = truthLines.get(line.truthLabel) ?? { template: line.truthNormalised, lines: 0 };
      truth.lines += 1;
      truthLines.set(line.truthLabel, truth);
      const predicted = predictedLines.get(line.predictedLabel) ?? [];
      predicted.push(line);
      predictedLines.set(line.predictedLabel, predicted);
    }
    if (truthLines.size === 1 && predictedLines.size === 1) continue;
    const truthKeys = [...truthLines.entries()].sort((a, b) => b[1].lines - a[1].lines);
    const truthIndex = new Map(truthKeys.map(([key], index) => [key, index]));
    const predicted = [...predictedLines.values()].map((lines): PredictedInError => {
      const truthCounts = new Map<number, number>();
      for (const line of lines) {
        const index = truthIndex.get(line.truthLabel) ?? -1;
        truthCounts.set(index, (truthCounts.get(index) ?? 0) + 1);
      }
      const first = lines[0];
      return {
        templateId: first?.templateId ?? '',
        template: first?.predictedTemplate ?? '',
        lines: lines.length,
        truthCounts,
        example: first?.mined ?? '',
      };
    });
    const merged = predicted.some((p) => p.truthCounts.size > 1);
    const split = truthKeys.some((_, index) => predicted.filter((p) => p.truthCounts.has(index)).length > 1);
    const kind: GroupingErrorKind = merged && split ? 'SPLIT+MERGED' : merged ? 'MERGED' : 'SPLIT';
    errors.push({
      kind,
      lines: members.length,
      truths: truthKeys.map(([, value]) => value),
      predicted: predicted.sort(byDescendingLines),
    });
  }
  // Ties: the error mixing more true templates first, so the order does not depend on input order.
  return errors.sort((a, b) => b.lines - a.lines || b.truths.length - a.truths.length);
}

/** Right groups with wrong template text, most lines first. */
export function templateErrors(evaluation: DatasetEvaluation): TemplateError[] {
  const truthsPerPrediction = new Map<string, Set<string>>();
  const predictionsPerTruth = new Map<string, Set<string>>();
  for (const line of evaluation.lines) {
    const truths = truthsPerPrediction.get(line.predictedLabel) ?? new Set<string>();
    truths.add(line.truthLabel);
    truthsPerPrediction.set(line.predictedLabel, truths);
    const predictions = predictionsPerTruth.get(line.truthNormalised) ?? new Set<string>();
    predictions.add(line.predictedLabel);
    predictionsPerTruth.set(line.truthNormalised, predictions);
  }
  const errors = new Map<
    string,
    { lines: number; truth: string; predicted: string; predictedRaw: string; example: string }
  >();
  for (const line of evaluation.lines) {
    if (line.predictedNormalised === line.truthNormalised) continue;
    const groupedRight =
      truthsPerPrediction.get(line.predictedLabel)?.size === 1 &&
      predictionsPerTruth.get(line.truthNormalised)?.size === 1;
    if (!groupedRight) continue;
    const key = `${line.truthNormalised}\u0000${line.predictedNormalised}`;
    const entry = errors.get(key) ?? {
      lines: 0,
      truth: line.truthNormalised,
      predicted: line.predictedNormalised,
      predictedRaw: line.predictedTemplate,
      example: line.mined,
    };
    entry.lines += 1;
    errors.set(key, entry);
  }
  return [...errors.values()].sort(byDescendingLines);
}

const MAX_TEXT = 220;
const MAX_ROWS = 10;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width);
}

/** Human-readable report of the `limit` biggest grouping errors and template errors. */
export function formatErrorReport(evaluation: DatasetEvaluation, limit: number): string {
  const total = evaluation.lines.length;
  const grouping = groupingErrors(evaluation);
  const templates = templateErrors(evaluation);
  const lostGa = total - evaluation.grouping.correctLines;
  const lostPa = Math.round((1 - evaluation.pa) * total);
  const out: string[] = [
    `### ${evaluation.dataset} (${evaluation.mode}): ${grouping.length} grouping errors cost ${lostGa} lines of GA; ` +
      `${lostPa} lines have a wrong template (PA)`,
  ];
  if (evaluation.linesWithUnknownId > 0) {
    out.push(`!! ${evaluation.linesWithUnknownId} lines were mined into template ids that templates() no longer lists`);
  }
  grouping.slice(0, limit).forEach((error, rank) => {
    out.push(
      '',
      `${rank + 1}. ${error.kind}: ${error.lines} lines, ${error.truths.length} true / ${error.predicted.length} predicted templates`,
    );
    error.truths.slice(0, MAX_ROWS).forEach((truth, index) => {
      out.push(`   T${index + 1} ${pad(truth.lines, 5)}  ${clip(truth.template)}`);
    });
    if (error.truths.length > MAX_ROWS) out.push(`   … ${error.truths.length - MAX_ROWS} more true templates`);
    error.predicted.slice(0, MAX_ROWS).forEach((predicted, index) => {
      const from = [...predicted.truthCounts.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([truth, lines]) => `T${truth + 1}×${lines}`)
        .join(' ');
      const template =
        predicted.template === '' ? '(id missing from templates() at the end)' : clip(predicted.template);
      out.push(`   P${index + 1} ${pad(predicted.lines, 5)}  ${template}   [${predicted.templateId}] ← ${from}`);
      out.push(`            e.g. ${clip(predicted.example)}`);
    });
    if (error.predicted.length > MAX_ROWS)
      out.push(`   … ${error.predicted.length - MAX_ROWS} more predicted templates`);
  });
  if (grouping.length > limit) out.push('', `(… ${grouping.length - limit} smaller grouping errors)`);
  if (templates.length > 0) {
    out.push('', `Template errors (grouped right, text wrong after normalisation): ${templates.length}`);
    templates.slice(0, limit).forEach((error, rank) => {
      out.push(
        `${rank + 1}. ${error.lines} lines`,
        `   truth      ${clip(error.truth)}`,
        `   predicted  ${clip(error.predicted)}`,
        `   as mined   ${clip(error.predictedRaw)}`,
        `   e.g.       ${clip(error.example)}`,
      );
    });
    if (templates.length > limit) out.push(`(… ${templates.length - limit} smaller template errors)`);
  }
  return out.join('\n');
}
