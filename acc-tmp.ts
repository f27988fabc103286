import { TemplateMiner } from './lambdas/core/drain';
import { evaluateDataset, loadLoghubDatasets, meanScores, prepareRaw, formatAccuracyTable } from './bench/loghub';
const ds = loadLoghubDatasets();
for (const mode of ['content', 'raw'] as const) {
  const ev = ds.map((d) => evaluateDataset(d, { mode, createMiner: () => new TemplateMiner(), prepareRaw }));
  console.log(mode, ev.map((e) => `${e.dataset}=${e.grouping.ga.toFixed(3)}/${e.predictedTemplates}`).join(' '), 'mean', meanScores(ev).ga.toFixed(4), 'PA', meanScores(ev).pa.toFixed(3));
}
