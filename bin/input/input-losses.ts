/**
 * What a read lost, per file: every line (or record) reported as unusable, counted by file and by reason, so
 * that no file loses lines in silence — not even one none of whose lines could be read.
 */
import type { LogProblem } from './log-problem';

/** What one file gave and lost. */
export interface FileLosses {
  readonly file: string;
  /** Events read (a text event may span continuation lines); 0 for a file none of whose lines were usable. */
  readonly read: number;
  /** Lines or records skipped. */
  readonly skipped: number;
  /** Lines kept only in part (longer than the line cap). */
  readonly cut: number;
  /** Reason → lines, skipped and cut together. */
  readonly reasons: Readonly<Record<string, number>>;
}

/** The short reasons problems are counted under; the problem's own text is what is printed line by line. */
const REASONS: readonly (readonly [RegExp, string])[] = [
  [/^line longer than the line cap/, 'longer than the line cap (cut)'],
  [/^timestamp \S+ is .* the lines around it/, 'timestamp far from the lines around it'],
  [/^not valid JSON: the line is longer/, 'longer than the line cap (not valid JSON once cut)'],
  [/^not valid JSON/, 'not valid JSON'],
  [/^no timestamp/, 'no timestamp'],
  [/^timestamp: /, 'unreadable timestamp'],
  [/^not a (valid JSON document|CloudWatch Logs export)/, 'not a readable JSON document'],
  [/^event \d+: larger than the cap/, 'event larger than the cap'],
  [/^event \d+: /, 'not a CloudWatch Logs event'],
  [/^logGroupName .* comes after/, 'logGroupName after the events'],
];

export function reasonOf(problem: string): string {
  for (const [pattern, reason] of REASONS) if (pattern.test(problem)) return reason;
  const colon = problem.indexOf(':');
  return colon > 0 ? problem.slice(0, colon) : problem;
}

const isCut = (reason: string): boolean => reason === 'longer than the line cap (cut)';

interface Tally {
  read: number;
  skipped: number;
  cut: number;
  readonly reasons: Map<string, number>;
}

/** Counts problems by file and reason; files keep the order they are listed in. */
export class InputLosses {
  private readonly byFile = new Map<string, Tally>();

  constructor(files: readonly string[] = []) {
    for (const file of files) this.tally(file);
  }

  add(problem: LogProblem): void {
    const tally = this.tally(problem.file);
    const reason = reasonOf(problem.problem);
    const lines = problem.lines ?? 1;
    if (isCut(reason)) tally.cut += lines;
    else tally.skipped += lines;
    tally.reasons.set(reason, (tally.reasons.get(reason) ?? 0) + lines);
  }

  /** Counts `events` read from `file`. */
  read(file: string, events: number): void {
    this.tally(file).read += events;
  }

  /** Lines skipped in all files (cut lines were still read, so they do not count). */
  skipped(): number {
    let total = 0;
    for (const tally of this.byFile.values()) total += tally.skipped;
    return total;
  }

  files(): FileLosses[] {
    return [...this.byFile].map(([file, tally]) => ({
      file,
      read: tally.read,
      skipped: tally.skipped,
      cut: tally.cut,
      reasons: Object.fromEntries(tally.reasons),
    }));
  }

  /** One sentence per file that lost lines: how many, and why. */
  sentences(): string[] {
    return this.files()
      .filter((f) => f.skipped + f.cut > 0)
      .map((f) => {
        const counts = [
          ...(f.skipped > 0 ? [`${f.skipped} line${f.skipped === 1 ? '' : 's'} skipped`] : []),
          ...(f.cut > 0 ? [`${f.cut} line${f.cut === 1 ? '' : 's'} cut`] : []),
        ].join(', ');
        const why = Object.entries(f.reasons)
          .map(([reason, count]) => `${count} ${reason}`)
          .join('; ');
        return `${f.file}: ${counts} (${why})`;
      });
  }

  private tally(file: string): Tally {
    let tally = this.byFile.get(file);
    if (tally === undefined) {
      tally = { read: 0, skipped: 0, cut: 0, reasons: new Map() };
      this.byFile.set(file, tally);
    }
    return tally;
  }
}
