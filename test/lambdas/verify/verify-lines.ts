import { rawLines } from '../../core/drain/loghub-lines';

/** Real lines from loghub-2k (data/loghub-2k; see its LICENSE), placed around a deploy. */

export const MINUTE = 60_000;
/** The deploy under test: a Tuesday in March 2024, on a minute boundary. */
export const DEPLOY_TIME = Date.UTC(2024, 2, 5, 10, 0, 0);

export interface TimedLine {
  readonly timestamp: number;
  readonly message: string;
}

/** HDFS INFO traffic (a fixed vocabulary: the first lines of the file, no WARN), one line every `spacingMs`. */
export function steadyHdfs(from: number, to: number, spacingMs: number): TimedLine[] {
  const vocabulary = rawLines('HDFS')
    .filter((line) => / INFO /.test(line))
    .slice(0, 40);
  const out: TimedLine[] = [];
  for (let t = from, i = 0; t < to; t += spacingMs, i++)
    out.push({ timestamp: t, message: vocabulary[i % vocabulary.length] ?? '' });
  return out;
}

/** Apache `[error]` lines the HDFS vocabulary never had: what a bad deploy starts printing. */
export function apacheErrors(from: number, to: number, spacingMs: number): TimedLine[] {
  const errors = rawLines('Apache')
    .filter((line) => /\[error\]/.test(line))
    .slice(0, 30);
  const out: TimedLine[] = [];
  for (let t = from, i = 0; t < to; t += spacingMs, i++)
    out.push({ timestamp: t, message: errors[i % errors.length] ?? '' });
  return out;
}

export function merged(...streams: TimedLine[][]): TimedLine[] {
  return streams.flat().sort((a, b) => a.timestamp - b.timestamp);
}
