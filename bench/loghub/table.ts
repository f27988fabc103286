/** Markdown tables of accuracy results, one row per dataset and a mean row. */
import { meanScores, type DatasetEvaluation } from './evaluate';

function score(value: number): string {
  return value.toFixed(3);
}

function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(Math.max(width - 1, 1))}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** One table for the evaluations of one mode. */
export function formatAccuracyTable(evaluations: readonly DatasetEvaluation[]): string {
  const rows = evaluations.map((evaluation) => [
    evaluation.dataset,
    score(evaluation.grouping.ga),
    score(evaluation.grouping.fga),
    score(evaluation.pa),
    String(evaluation.predictedTemplates),
    String(evaluation.truthTemplates),
  ]);
  const mean = meanScores(evaluations);
  rows.push(['**mean**', `**${score(mean.ga)}**`, `**${score(mean.fga)}**`, `**${score(mean.pa)}**`, '', '']);
  const table = renderTable(['Dataset', 'GA', 'FGA', 'PA', 'Templates', 'True templates'], rows);
  const unknown = evaluations.filter((evaluation) => evaluation.linesWithUnknownId > 0);
  if (unknown.length === 0) return table;
  const warnings = unknown.map(
    (evaluation) =>
      `!! ${evaluation.dataset}: ${evaluation.linesWithUnknownId} lines carry a template id missing from templates()`,
  );
  return `${table}\n\n${warnings.join('\n')}`;
}
