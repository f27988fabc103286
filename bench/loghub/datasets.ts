/**
 * Loads the loghub-2k benchmark: for each dataset the raw log lines and the corrected ground
 * truth (the message part of each line, its event id and its template). Reads files, so it
 * belongs to the bench, never to `lambdas/core`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidInputError } from '../../lambdas/core/errors';
import { parseCsvRecords } from './csv';

/** The ten loghub-2k datasets shipped in data/loghub-2k. */
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

export type LoghubDatasetName = (typeof LOGHUB_DATASETS)[number];

/** One annotated line. */
export interface LoghubLine {
  /** 1-based line number in the raw file. */
  readonly lineId: number;
  /** The whole line as logged, header included. */
  readonly raw: string;
  /** The message part of the line (the `Content` column). */
  readonly content: string;
  readonly eventId: string;
  /** Ground-truth template, variables written as `<*>`. */
  readonly eventTemplate: string;
}

export interface LoghubDataset {
  readonly name: LoghubDatasetName;
  readonly lines: readonly LoghubLine[];
}

export function isLoghubDatasetName(name: string): name is LoghubDatasetName {
  return (LOGHUB_DATASETS as readonly string[]).includes(name);
}

/**
 * The repository root: the nearest folder above `from` holding a package.json. Works from the
 * TypeScript sources (bench/loghub) and from the build (dist/bench/loghub) alike.
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new InvalidInputError(`no package.json above ${from}: cannot locate the repository`);
    dir = parent;
  }
}

/** Where the datasets live by default: `<repo>/data/loghub-2k`. */
export function defaultLoghubDir(): string {
  return path.resolve(findRepoRoot(), 'data', 'loghub-2k');
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`cannot read loghub file ${file}`, { cause: error });
  }
}

function column(record: Record<string, string>, name: string, file: string, row: number): string {
  const value = record[name];
  if (value === undefined) throw new InvalidInputError(`${file}: row ${row} has no ${name} column`);
  return value;
}

/** Loads one dataset; the raw file's line N is the ground truth's `LineId` N. */
export function loadLoghubDataset(name: LoghubDatasetName, dataDir: string = defaultLoghubDir()): LoghubDataset {
  const logFile = path.join(dataDir, name, `${name}_2k.log`);
  const csvFile = path.join(dataDir, name, `${name}_2k.log_structured_corrected.csv`);
  const rawLines = readText(logFile).split('\n');
  if (rawLines[rawLines.length - 1] === '') rawLines.pop();
  const records = parseCsvRecords(readText(csvFile), csvFile);
  const lines = records.map((record, index): LoghubLine => {
    const row = index + 2;
    const lineId = Number(column(record, 'LineId', csvFile, row));
    const raw = rawLines[lineId - 1];
    if (!Number.isInteger(lineId) || raw === undefined) {
      throw new InvalidInputError(`${csvFile}: row ${row} names LineId ${lineId}, which ${logFile} does not have`);
    }
    return {
      lineId,
      raw: raw.endsWith('\r') ? raw.slice(0, -1) : raw,
      content: column(record, 'Content', csvFile, row),
      eventId: column(record, 'EventId', csvFile, row),
      eventTemplate: column(record, 'EventTemplate', csvFile, row),
    };
  });
  return { name, lines };
}

/** Loads several datasets (all ten by default), in the order given. */
export function loadLoghubDatasets(
  names: readonly LoghubDatasetName[] = LOGHUB_DATASETS,
  dataDir: string = defaultLoghubDir(),
): LoghubDataset[] {
  return names.map((name) => loadLoghubDataset(name, dataDir));
}
