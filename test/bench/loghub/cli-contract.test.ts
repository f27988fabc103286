import { rmSync } from 'node:fs';
import { TemplateMiner } from '../../../lambdas/core/drain';
import { evaluateDataset, evaluateThroughCli, loadLoghubDataset, prepareRaw } from '../../../bench/loghub';
import { bundleCli } from '../../support/bundle-cli';
import { LOGHUB_DIR } from '../../support/loghub-dir';

describe('scoring through the CLI contract', () => {
  let cli: ReturnType<typeof bundleCli>;

  beforeAll(() => {
    cli = bundleCli();
  });

  afterAll(() => rmSync(cli.dir, { recursive: true, force: true }));

  // Linux is the set whose templates merge most after their first lines were mined: through the
  // CLI it scored 0.69 while each line printed the id it had when it was mined.
  it.each(['content', 'raw'] as const)('gives the Linux set the in-process GA with %s lines', (mode) => {
    // Prepare
    const dataset = loadLoghubDataset('Linux', LOGHUB_DIR);

    // Act
    const throughCli = evaluateThroughCli(dataset, mode, cli.entry);
    const inProcess = evaluateDataset(dataset, { mode, createMiner: () => new TemplateMiner(), prepareRaw });

    // Assess
    expect(throughCli.grouping).toEqual(inProcess.grouping);
    expect(throughCli.grouping.ga).toBeGreaterThanOrEqual(0.99);
  });
});
