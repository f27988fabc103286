/**
 * How each loghub dataset becomes one production service: its name, how its raw line header is
 * written back in a `.log` file (the dataset's own format with the timestamp in ISO-8601 form, or in
 * log4j's `yyyy-MM-dd HH:mm:ss,SSS` where the dataset already uses it), and which family of
 * synthesised lines fits its domain.
 */
import { LOGHUB_DATASETS, type LoghubDatasetName } from '../loghub';

export const DATASET_NAMES = LOGHUB_DATASETS;

export type DatasetName = LoghubDatasetName;

/** Families of synthesised lines (errors, harmless info lines) that read naturally among a dataset's own. */
export type LineFamily = 'java' | 'unix' | 'web' | 'hpc' | 'windows';

/** How a `.log` line's timestamp is written. Both forms are read back by the text reader. */
export type TimestampStyle = 'iso' | 'log4j';

export interface DatasetProfile {
  readonly name: DatasetName;
  /** The service this dataset plays in a scenario. */
  readonly service: string;
  readonly family: LineFamily;
  readonly timestampStyle: TimestampStyle;
  /** The structured CSV's level column, if it has a real one. */
  readonly levelColumn?: string;
  /** Level written on synthesised error lines (in the dataset's own spelling). */
  readonly errorLevel: string;
  /** Level written on synthesised info lines. */
  readonly infoLevel: string;
  /** The raw header between the timestamp and the message content, built from a real row's fields. */
  header(row: Readonly<Record<string, string>>): string;
}

const field = (row: Readonly<Record<string, string>>, name: string): string => row[name] ?? '';

const PROFILES: Record<DatasetName, DatasetProfile> = {
  Apache: {
    name: 'Apache',
    service: 'web-frontend',
    family: 'web',
    timestampStyle: 'iso',
    levelColumn: 'Level',
    errorLevel: 'error',
    infoLevel: 'notice',
    header: (row) => `[${field(row, 'Level')}] `,
  },
  BGL: {
    name: 'BGL',
    service: 'compute-fabric',
    family: 'hpc',
    timestampStyle: 'iso',
    levelColumn: 'Level',
    errorLevel: 'FATAL',
    infoLevel: 'INFO',
    header: (row) => `${field(row, 'Node')} ${field(row, 'Type')} ${field(row, 'Component')} ${field(row, 'Level')} `,
  },
  HDFS: {
    name: 'HDFS',
    service: 'block-store',
    family: 'java',
    timestampStyle: 'iso',
    levelColumn: 'Level',
    errorLevel: 'ERROR',
    infoLevel: 'INFO',
    header: (row) => `${field(row, 'Pid')} ${field(row, 'Level')} ${field(row, 'Component')}: `,
  },
  HPC: {
    name: 'HPC',
    service: 'cluster-ops',
    family: 'hpc',
    timestampStyle: 'iso',
    errorLevel: '',
    infoLevel: '',
    // HPC's own layout, its log id and epoch column included, as the raw file has it.
    header: (row) =>
      `${field(row, 'LogId')} ${field(row, 'Node')} ${field(row, 'Component')} ${field(row, 'State')} ${field(row, 'Time')} ${field(row, 'Flag')} `,
  },
  Hadoop: {
    name: 'Hadoop',
    service: 'batch-jobs',
    family: 'java',
    timestampStyle: 'log4j',
    levelColumn: 'Level',
    errorLevel: 'ERROR',
    infoLevel: 'INFO',
    header: (row) => `${field(row, 'Level')} [${field(row, 'Process')}] ${field(row, 'Component')}: `,
  },
  Linux: {
    name: 'Linux',
    service: 'edge-host',
    family: 'unix',
    timestampStyle: 'iso',
    errorLevel: '',
    infoLevel: '',
    header: (row) => {
      // The CSV stores PIDs as floats ("19939.0") and leaves them empty for kernel lines.
      const pid = field(row, 'PID').replace(/\.0$/, '');
      return `${field(row, 'Level')} ${field(row, 'Component')}${pid === '' ? '' : `[${pid}]`}: `;
    },
  },
  OpenSSH: {
    name: 'OpenSSH',
    service: 'bastion',
    family: 'unix',
    timestampStyle: 'iso',
    errorLevel: '',
    infoLevel: '',
    header: (row) => `${field(row, 'Component')} sshd[${field(row, 'Pid')}]: `,
  },
  Spark: {
    name: 'Spark',
    service: 'analytics',
    family: 'java',
    timestampStyle: 'iso',
    levelColumn: 'Level',
    errorLevel: 'ERROR',
    infoLevel: 'INFO',
    header: (row) => `${field(row, 'Level')} ${field(row, 'Component')}: `,
  },
  Windows: {
    name: 'Windows',
    service: 'win-updates',
    family: 'windows',
    timestampStyle: 'iso',
    levelColumn: 'Level',
    errorLevel: 'Error',
    infoLevel: 'Info',
    header: (row) => `${field(row, 'Level').padEnd(22)}${field(row, 'Component').padEnd(7)}`,
  },
  Zookeeper: {
    name: 'Zookeeper',
    service: 'coordinator',
    family: 'java',
    timestampStyle: 'log4j',
    levelColumn: 'Level',
    errorLevel: 'ERROR',
    infoLevel: 'INFO',
    header: (row) =>
      `- ${field(row, 'Level').padEnd(5)} [${field(row, 'Node')}:${field(row, 'Component')}@${field(row, 'Id')}] - `,
  },
};

export function datasetProfile(name: DatasetName): DatasetProfile {
  return PROFILES[name];
}

/** Writes `millis` the way a `.log` line of this style starts. */
export function formatLogTimestamp(millis: number, style: TimestampStyle): string {
  const iso = new Date(millis).toISOString();
  if (style === 'iso') return iso;
  // 2024-03-12T08:00:00.123Z -> 2024-03-12 08:00:00,123 (log4j's default ISO8601 layout, in UTC)
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`;
}
