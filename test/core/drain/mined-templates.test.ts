/**
 * Pins what the miner makes of real logs, template by template: the ids, texts and line counts it
 * gives the message column of each loghub-2k dataset with default options. Speed work on the scanner
 * and the matcher must leave every one of them as it was; a change meant to alter the templates
 * updates the snapshot (`npx jest test/core/drain/mined-templates.test.ts -u`) and shows the
 * difference in review.
 */
import { TemplateMiner } from '../../../lambdas/core/drain';
import { LOGHUB_DATASETS, loadLoghubDataset } from '../../../bench/loghub';

describe('templates mined from loghub-2k', () => {
  it.each(LOGHUB_DATASETS)('gives the %s messages the templates they have always had', (name) => {
    // Prepare
    const dataset = loadLoghubDataset(name);
    const miner = new TemplateMiner();

    // Act
    for (const line of dataset.lines) miner.mine(line.content);

    // Assess
    const templates = miner
      .templates()
      .map((template) => `${template.templateId} ${template.count} ${template.template}`);
    expect(templates).toMatchSnapshot();
  });
});
