/**
 * Accuracy of the template miner on the ten loghub-2k datasets: GA, FGA and PA as loghub-2.0
 * defines them, for the message column (`content`) and for whole lines (`raw`, headers stripped
 * by the header parser); then GA through the CLI contract: the built `culprit mine --jsonl` run
 * on each dataset's file, its printed ids scored (skipped when `--options` are given: the CLI
 * mines with default options).
 *
 *   npm run bench:accuracy
 *   npm run bench:accuracy -- --dataset HDFS --show-errors 5
 *   npm run bench:accuracy -- --mode content --options '{"similarityThreshold":0.5}'
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { TemplateMiner, minerOptionsSchema, type MinerOptionsInput } from '../lambdas/core/drain';
import {
  LOGHUB_DATASETS,
  defaultLoghubDir,
  evaluateDataset,
  evaluateThroughCli,
  findRepoRoot,
  formatAccuracyTable,
  formatCliTable,
  formatErrorReport,
  isLoghubDatasetName,
  loadLoghubDataset,
  prepareRaw,
  type DatasetEvaluation,
  type EvaluationMode,
} from './loghub';

const USAGE = `usage: node dist/bench/accuracy-bench.js [--dataset NAME]... [--mode content|raw|both]
       [--show-errors N] [--options JSON] [--data DIR]
datasets: ${LOGHUB_DATASETS.join(', ')}`;

const argsSchema = z.object({
  datasets: z.array(
    z.string().refine(isLoghubDatasetName, { message: `unknown dataset; one of ${LOGHUB_DATASETS.join(', ')}` }),
  ),
  mode: z.enum(['content', 'raw', 'both']),
  showErrors: z.coerce.number().int().min(0),
  options: z.record(z.string(), z.unknown()).pipe(minerOptionsSchema),
  optionNames: z.array(z.string()),
  data: z.string().min(1),
});

function parseCommandLine(argv: readonly string[]): z.infer<typeof argsSchema> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      dataset: { type: 'string', multiple: true },
      mode: { type: 'string', default: 'both' },
      'show-errors': { type: 'string', default: '0' },
      options: { type: 'string', default: '{}' },
      data: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  let options: unknown;
  try {
    options = JSON.parse(values.options);
  } catch (error) {
    throw new Error(`--options is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = argsSchema.safeParse({
    datasets: values.dataset ?? [...LOGHUB_DATASETS],
    mode: values.mode,
    showErrors: values['show-errors'],
    options,
    optionNames: typeof options === 'object' && options !== null ? Object.keys(options) : [],
    data: values.data ?? defaultLoghubDir(),
  });
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  return parsed.data;
}

function main(): void {
  const args = parseCommandLine(process.argv.slice(2));
  const modes: EvaluationMode[] = args.mode === 'both' ? ['content', 'raw'] : [args.mode];
  const minerOptions: MinerOptionsInput = args.options;
  const datasets = args.datasets.filter(isLoghubDatasetName).map((name) => loadLoghubDataset(name, args.data));
  const given = Object.fromEntries(
    args.optionNames.map((name) => [name, (minerOptions as Record<string, unknown>)[name]]),
  );
  const optionsNote = args.optionNames.length > 0 ? ` with options ${JSON.stringify(given)}` : ' with default options';
  process.stdout.write(`# Template miner accuracy on loghub-2k${optionsNote}\n`);
  for (const mode of modes) {
    const started = performance.now();
    const evaluations: DatasetEvaluation[] = datasets.map((dataset) =>
      evaluateDataset(dataset, { mode, createMiner: () => new TemplateMiner(minerOptions), prepareRaw }),
    );
    const seconds = (performance.now() - started) / 1000;
    const title = mode === 'content' ? 'Content column' : 'Raw lines (header parser, then miner)';
    process.stdout.write(`\n## ${title}\n\n${formatAccuracyTable(evaluations)}\n\n`);
    process.stdout.write(
      `(${datasets.length} datasets in ${seconds.toFixed(1)} s, templates compared after loghub-2.0 normalisation)\n`,
    );
    if (args.showErrors > 0) {
      for (const evaluation of evaluations)
        process.stdout.write(`\n${formatErrorReport(evaluation, args.showErrors)}\n`);
    }
  }
  if (args.optionNames.length > 0) return;
  const cliEntry = path.join(findRepoRoot(), 'dist', 'bin', 'culprit.js');
  for (const mode of modes) {
    const started = performance.now();
    const evaluations = datasets.map((dataset) => evaluateThroughCli(dataset, mode, cliEntry));
    const seconds = (performance.now() - started) / 1000;
    const command = `culprit mine --input F --jsonl${mode === 'raw' ? ' --raw' : ''}`;
    process.stdout.write(`\n## Through the CLI (${command}, ${mode === 'raw' ? 'whole lines' : 'Content column'})\n\n`);
    process.stdout.write(
      `${formatCliTable(evaluations)}\n\n(${datasets.length} CLI runs in ${seconds.toFixed(1)} s)\n`,
    );
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`accuracy-bench: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exitCode = 2;
}
