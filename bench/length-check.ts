/**
 * GA of the miner with and without length families on loghub events whose values were replaced
 * by values of varying length (bench/loghub/varying-length.ts), on the datasets given (by
 * default the four kept out of the mechanism's design: Apache, Linux, Spark, Windows).
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
  withVaryingLengthValues,
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
  const datasets = names
    .filter(isLoghubDatasetName)
    .map((name) => withVaryingLengthValues(loadLoghubDataset(name), seed));
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
  process.stdout.write(`# Values of varying length (seed ${seed})\n\n${rows.join('\n')}\n`);
}

main();
