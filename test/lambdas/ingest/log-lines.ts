import { rawLines } from '../../core/drain/loghub-lines';
import type { LoggedLine } from '../../e2e/support/lambda-events';

/** Real lines from loghub-2k (data/loghub-2k; see its LICENSE), placed on a timeline for ingest tests. */

export const MINUTE = 60_000;
/** A Tuesday in March 2024, on a minute boundary. */
export const T0 = Date.UTC(2024, 2, 5, 9, 0, 0);

/** `count` HDFS lines (cycling through the file) from `start`, one every `spacingMs`. */
export function hdfsLines(start: number, count: number, spacingMs: number, offset = 0): LoggedLine[] {
  const lines = rawLines('HDFS');
  return Array.from({ length: count }, (_, i) => ({
    timestamp: start + i * spacingMs,
    message: lines[(offset + i) % lines.length] ?? '',
  }));
}

/**
 * OpenSSH lines of two kinds the HDFS vocabulary lacks, which mine into two templates whatever their order
 * (they differ only in masked values): after HDFS traffic, new templates.
 */
export function sshFailureLines(start: number, count: number, spacingMs: number, offset = 0): LoggedLine[] {
  const lines = rawLines('OpenSSH').filter((line) =>
    /sshd\[\d+\]: (Failed password for root from \S+ port \d+ ssh2|Received disconnect from \S+: 11: Bye Bye \[preauth\])$/.test(
      line,
    ),
  );
  return Array.from({ length: count }, (_, i) => ({
    timestamp: start + i * spacingMs,
    message: lines[(offset + i) % lines.length] ?? '',
  }));
}

/** Lines merged in time order. */
export function merged(...streams: LoggedLine[][]): LoggedLine[] {
  return streams.flat().sort((a, b) => a.timestamp - b.timestamp);
}
