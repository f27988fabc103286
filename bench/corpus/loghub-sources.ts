/** The corpus sources of the ten loghub-2k datasets: every annotated line with its raw form. */
import { LOGHUB_DATASETS, loadLoghubDatasets, type LoghubDatasetName } from '../loghub';
import type { SourceInput } from './source-line';

export interface LoghubSource extends SourceInput {
  readonly dataset: LoghubDatasetName;
  readonly raw: string;
}

export function loghubSources(names: readonly LoghubDatasetName[] = LOGHUB_DATASETS, dataDir?: string): LoghubSource[] {
  return loadLoghubDatasets(names, dataDir).flatMap((dataset) =>
    dataset.lines.map((line) => ({
      dataset: dataset.name,
      content: line.content,
      eventTemplate: line.eventTemplate,
      raw: line.raw,
    })),
  );
}
