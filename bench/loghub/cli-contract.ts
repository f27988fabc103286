/**
 * Scores a loghub dataset through the CLI contract, as a user would meet it: the built `culprit`
 * CLI mines a file (`culprit mine --input F --jsonl`, with `--raw` for whole lines) in a child
 * process, and each output line's `templateId` is the line's predicted group. The in-process
 * evaluation (evaluate.ts) resolves ids itself; this checks that the CLI's own output does too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { LoghubDataset } from './datasets';
import type { EvaluationMode } from './evaluate';
import { groupingScore, type GroupingScore } from './metrics';

export interface CliEvaluation {
  readonly dataset: string;
  readonly mode: EvaluationMode;
  readonly grouping: GroupingScore;
  /** Distinct ids the CLI printed. */
  readonly predictedTemplates: number;
}

const recordSchema = z.object({ line: z.number().int().positive(), templateId: z.string() });

/** Largest output the child may print: the ten sets print well under 1 MB each. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/**
 * Runs `node <cliEntry> mine --input <file> --jsonl` on the dataset (its `Content` column in
 * `content` mode, its log file's lines in `raw` mode, with `--raw`) and scores the printed ids.
 * @param cliEntry the built CLI, e.g. `dist/bin/culprit.js`
 */
export function evaluateThroughCli(dataset: LoghubDataset, mode: EvaluationMode, cliEntry: string): CliEvaluation {
  const dir = mkdtempSync(path.join(tmpdir(), 'culprit-cli-contract-'));
  try {
    const input = path.join(dir, `${dataset.name}-${mode}.log`);
    const texts = dataset.lines.map((line) => (mode === 'raw' ? line.raw : line.content));
    writeFileSync(input, `${texts.join('\n')}\n`);
    const args = [cliEntry, 'mine', '--input', input, '--jsonl', ...(mode === 'raw' ? ['--raw'] : [])];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES });
    if (run.error !== undefined) throw new Error(`culprit mine on ${dataset.name}: ${run.error.message}`);
    if (run.status !== 0) throw new Error(`culprit mine on ${dataset.name} exited ${run.status}: ${run.stderr}`);
    const predicted = run.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line, index) => {
        const record = recordSchema.parse(JSON.parse(line));
        if (record.line !== index + 1)
          throw new Error(`culprit mine on ${dataset.name}: record ${index + 1} names line ${record.line}`);
        return record.templateId;
      });
    if (predicted.length !== dataset.lines.length) {
      throw new Error(`culprit mine on ${dataset.name}: ${predicted.length} records for ${dataset.lines.length} lines`);
    }
    const grouping = groupingScore(
      dataset.lines.map((line) => line.eventId),
      predicted,
    );
    return { dataset: dataset.name, mode, grouping, predictedTemplates: new Set(predicted).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A markdown table of CLI-contract scores, one row per dataset and a mean row. */
export function formatCliTable(evaluations: readonly CliEvaluation[]): string {
  const rows = evaluations.map(
    (evaluation) =>
      `| ${evaluation.dataset} | ${evaluation.grouping.ga.toFixed(3)} | ${evaluation.grouping.fga.toFixed(3)} | ${evaluation.predictedTemplates} |`,
  );
  const mean = (pick: (evaluation: CliEvaluation) => number): string =>
    (evaluations.reduce((total, evaluation) => total + pick(evaluation), 0) / Math.max(evaluations.length, 1)).toFixed(
      3,
    );
  return [
    '| Dataset | GA | FGA | Ids printed |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    `| **mean** | **${mean((e) => e.grouping.ga)}** | **${mean((e) => e.grouping.fga)}** | |`,
  ].join('\n');
}
