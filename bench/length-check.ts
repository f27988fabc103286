/**
 * GA of the miner with and without length families on loghub events whose values were replaced
 * by values of varying length (bench/loghub/varying-length.ts), and on the same events behind a
 * random program label (bench/loghub/program-labels.ts: a variable first token), on the datasets
 * given (by default the four kept out of the mechanism's design: Apache, Linux, Spark, Windows).
 *
 *   npx tsx bench/length-check.ts
 *   npx tsx bench/length-check.ts --dataset HDFS --seed 7
 */
import { parseArgs } from 'node:util';
import { TemplateMiner } from '../lambdas/core/drain';
import {
  evaluateDataset,
  isLoghubDatasetName,
  loadLoghubDataset,
  meanScores,
  prepareRaw,
  withProgramLabels,
  withVaryingLengthValues,
  type LoghubDataset,
  type LoghubDatasetName,
} from './loghub';

const HELD_OUT: readonly LoghubDatasetName[] = ['Apache', 'Linux', 'Spark', 'Windows'];

function main(): void {
  const { values } = parseArgs({
    options: { dataset: { type: 'string', multiple: true }, seed: { type: 'string', default: '20261203' } },
  });
  const names = values.dataset ?? [...HELD_OUT];
  const unknown = names.filter((name) => !isLoghubDatasetName(name));
  if (unknown.length > 0) throw new Error(`unknown dataset ${unknown.join(', ')}`);
  const seed = Number(values.seed);
  const loaded = names.filter(isLoghubDatasetName).map((name) => loadLoghubDataset(name));
  process.stdout.write(
    `# Values of varying length (seed ${seed})\n\n${table(loaded.map((dataset) => withVaryingLengthValues(dataset, seed)))}\n`,
  );
  process.stdout.write(
    `\n# Variable first token: a program label before every line (seed ${seed})\n\n${table(loaded.map((dataset) => withProgramLabels(dataset, seed)))}\n`,
  );
}

/** GA without and with length (and head) families, one row per dataset and their mean. */
function table(datasets: readonly LoghubDataset[]): string {
  const rows: string[] = [
    '| Dataset | GA without | GA with | templates without | with | true |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const score = (lengthFamilies: boolean) =>
    datasets.map((dataset) =>
      evaluateDataset(dataset, {
        mode: 'content',
        createMiner: () => new TemplateMiner({ lengthFamilies }),
        prepareRaw,
      }),
    );
  const without = score(false);
  const withFamilies = score(true);
  without.forEach((evaluation, index) => {
    const other = withFamilies[index]!;
    rows.push(
      `| ${evaluation.dataset} | ${evaluation.grouping.ga.toFixed(3)} | ${other.grouping.ga.toFixed(3)} | ${evaluation.predictedTemplates} | ${other.predictedTemplates} | ${evaluation.truthTemplates} |`,
    );
  });
  rows.push(
    `| **mean** | **${meanScores(without).ga.toFixed(3)}** | **${meanScores(withFamilies).ga.toFixed(3)}** | | | |`,
  );
  return rows.join('\n');
}

main();
