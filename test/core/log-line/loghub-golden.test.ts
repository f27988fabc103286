/**
 * Golden accuracy of parseLogLine on the loghub 2k samples: the stripped message must equal loghub's `Content` column
 * (trimmed) on at least the measured fraction of lines, minus a margin of 0.002 (4 lines in 2,000).
 *
 * Data: loghub (https://github.com/logpai/loghub), shipped in data/loghub-2k. Loghub: Jieming Zhu,
 * Shilin He, Pinjia He, Jinyang Liu, Michael R. Lyu. "Loghub: A Large Collection of System Log Datasets for AI-driven
 * Log Analytics", ISSRE 2023. "The above license notice shall be included in all copies of the datasets."
 */
import { parseLogLine } from '../../../lambdas/core/log-line';
import { LOGHUB_DATASETS, type LoghubDataset, type LoghubLine, readLoghub } from './helpers/loghub';

/** Measured with this parser: 1.0000 everywhere except Spark, 0.9990 (two `INFO Remoting:` lines, see README). */
const MEASURED: Readonly<Record<LoghubDataset, number>> = {
  Apache: 1,
  BGL: 1,
  HDFS: 1,
  HPC: 1,
  Hadoop: 1,
  Linux: 1,
  OpenSSH: 1,
  Spark: 0.999,
  Windows: 1,
  Zookeeper: 1,
};
const MARGIN = 0.002;

const data = new Map<LoghubDataset, LoghubLine[]>(LOGHUB_DATASETS.map((dataset) => [dataset, readLoghub(dataset)]));
const linesOf = (dataset: LoghubDataset): LoghubLine[] => data.get(dataset) ?? [];

describe('parseLogLine on the loghub 2k samples', () => {
  it.each(LOGHUB_DATASETS)('strips the %s header so the message equals loghub Content', (dataset) => {
    const lines = linesOf(dataset);

    const matching = lines.filter((line) => parseLogLine(line.raw).message === line.content).length;

    expect(lines).toHaveLength(2000);
    expect(matching / lines.length).toBeGreaterThanOrEqual(MEASURED[dataset] - MARGIN);
  });

  it.each(['Apache', 'BGL', 'HDFS', 'Hadoop', 'Spark', 'Windows', 'Zookeeper'] as const)(
    'reads the %s Level column as the normalised level of every line',
    (dataset) => {
      const normalised: Readonly<Record<string, string>> = {
        notice: 'INFO',
        info: 'INFO',
        warn: 'WARN',
        warning: 'WARN',
        error: 'ERROR',
        severe: 'FATAL',
        fatal: 'FATAL',
      };

      const mismatches = linesOf(dataset).filter(
        (line) => parseLogLine(line.raw).level !== normalised[(line.record.Level ?? '').toLowerCase()],
      );

      expect(mismatches.map((line) => line.raw)).toEqual([]);
    },
  );

  it.each(['BGL', 'HPC'] as const)('takes the %s timestamp from its epoch-seconds column', (dataset) => {
    const column = dataset === 'BGL' ? 'Timestamp' : 'Time';

    const mismatches = linesOf(dataset).filter((line) => {
      const timestamp = parseLogLine(line.raw).timestamp ?? Number.NaN;
      return Math.floor(timestamp / 1000) !== Number(line.record[column]);
    });

    expect(mismatches.map((line) => line.raw)).toEqual([]);
  });

  it.each(['Hadoop', 'Zookeeper'] as const)('reads the %s date and time as UTC epoch milliseconds', (dataset) => {
    const mismatches = linesOf(dataset).filter((line) => {
      const iso = `${line.record.Date}T${(line.record.Time ?? '').replace(',', '.')}Z`;
      return parseLogLine(line.raw).timestamp !== Date.parse(iso);
    });

    expect(mismatches.map((line) => line.raw)).toEqual([]);
  });

  it.each(['Linux', 'OpenSSH'] as const)('gives no timestamp for %s syslog lines, which carry no year', (dataset) => {
    const withTimestamp = linesOf(dataset).filter((line) => parseLogLine(line.raw).timestamp !== undefined);

    expect(withTimestamp).toEqual([]);
  });

  it.each(['Linux', 'OpenSSH'] as const)('names the %s syslog tag, without its pid, as the component', (dataset) => {
    const mismatches = linesOf(dataset).filter((line) => {
      const component = parseLogLine(line.raw).component;
      return component !== (dataset === 'OpenSSH' ? 'sshd' : line.record.Component);
    });

    expect(mismatches.map((line) => line.raw)).toEqual([]);
  });
});
