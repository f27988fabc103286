import { LOGHUB_DATASETS, defaultLoghubDir, loadLoghubDataset, loadLoghubDatasets } from '../../../bench/loghub';
import { LOGHUB_DIR } from '../../support/loghub-dir';

describe('loadLoghubDataset', () => {
  it('finds the loghub-2k folder shipped inside the repository', () => {
    expect(defaultLoghubDir()).toBe(LOGHUB_DIR);
  });

  it('loads all ten datasets with 2,000 annotated lines each, raw line N matching LineId N', () => {
    // Act
    const datasets = loadLoghubDatasets();

    // Assess
    expect(datasets.map((dataset) => dataset.name)).toEqual([...LOGHUB_DATASETS]);
    for (const dataset of datasets) {
      expect(dataset.lines).toHaveLength(2000);
      expect(dataset.lines.map((line) => line.lineId)).toEqual(dataset.lines.map((_, index) => index + 1));
      const misplaced = dataset.lines.filter((line) => !line.raw.includes(line.content));
      expect(misplaced).toEqual([]);
    }
  });

  it('reads a Spark line whose message holds commas inside quotes', () => {
    // Act
    const spark = loadLoghubDataset('Spark');

    // Assess
    expect(spark.lines[0]).toEqual({
      lineId: 1,
      raw: '17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]',
      content: 'Registered signal handlers for [TERM, HUP, INT]',
      eventId: 'E22',
      eventTemplate: 'Registered signal handlers for [TERM, HUP, INT]',
    });
  });

  it('names the missing file when the data folder is wrong', () => {
    expect(() => loadLoghubDataset('HDFS', '/nonexistent/loghub')).toThrow(/cannot read loghub file .*HDFS_2k\.log/);
  });
});
