import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords } from './csv';

/**
 * Loghub 2k samples (https://github.com/logpai/loghub; Zhu et al., "Loghub: A Large Collection of System Log Datasets
 * for AI-driven Log Analytics", ISSRE 2023), shipped in data/loghub-2k; see its LICENSE file.
 */
export { LOGHUB_DIR } from '../../../support/loghub-dir';
import { LOGHUB_DIR } from '../../../support/loghub-dir';

export const LOGHUB_DATASETS = [
  'Apache',
  'BGL',
  'HDFS',
  'HPC',
  'Hadoop',
  'Linux',
  'OpenSSH',
  'Spark',
  'Windows',
  'Zookeeper',
] as const;
export type LoghubDataset = (typeof LOGHUB_DATASETS)[number];

export interface LoghubLine {
  readonly raw: string;
  /** loghub's `Content` column, trimmed. */
  readonly content: string;
  readonly record: Readonly<Record<string, string>>;
}

/** The raw lines of a dataset (no trailing empty line). */
export function readRawLines(dataset: LoghubDataset): string[] {
  const text = readFileSync(join(LOGHUB_DIR, dataset, `${dataset}_2k.log`), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Raw lines paired with their structured row; throws when the two files disagree in length. */
export function readLoghub(dataset: LoghubDataset): LoghubLine[] {
  const raw = readRawLines(dataset);
  const file = join(LOGHUB_DIR, dataset, `${dataset}_2k.log_structured_corrected.csv`);
  const records = parseCsvRecords(readFileSync(file, 'utf8'), file);
  if (records.length !== raw.length) {
    throw new Error(`${dataset}: ${raw.length} raw lines but ${records.length} structured rows`);
  }
  return raw.map((line, index) => {
    const record = records[index] ?? {};
    return { raw: line, content: (record.Content ?? '').trim(), record };
  });
}
