/**
 * Regression guard on grouping accuracy: mining the message column of the ten loghub-2k
 * datasets with default options must keep a mean GA of at least 0.93. On failure the whole
 * accuracy table is printed; `npm run bench:accuracy -- --show-errors 5` explains the losses.
 */
import { TemplateMiner } from '../../../lambdas/core/drain';
import {
  evaluateDataset,
  formatAccuracyTable,
  loadLoghubDatasets,
  meanScores,
  prepareRaw,
} from '../../../bench/loghub';

const MIN_MEAN_GA = 0.93;

describe('template miner accuracy on loghub-2k', () => {
  it(`keeps a mean grouping accuracy of at least ${MIN_MEAN_GA} on the message column of the ten datasets`, () => {
    // Prepare
    const datasets = loadLoghubDatasets();

    // Act
    const evaluations = datasets.map((dataset) =>
      evaluateDataset(dataset, { mode: 'content', createMiner: () => new TemplateMiner(), prepareRaw }),
    );
    const mean = meanScores(evaluations);

    // Assess: on failure jest prints the received text, the whole table
    const verdict =
      mean.ga >= MIN_MEAN_GA
        ? `mean GA >= ${MIN_MEAN_GA}`
        : `mean GA ${mean.ga.toFixed(3)} < ${MIN_MEAN_GA}\n${formatAccuracyTable(evaluations)}`;
    expect(verdict).toBe(`mean GA >= ${MIN_MEAN_GA}`);
  });
});
