/**
 * Which aligned columns of a sample are header, and the layout column each one becomes. A column is judged by how its
 * tokens behave across the lines: the same kind in nearly every line, the punctuation that ends it, padding after
 * it, how many values it takes.
 */
import { type ColumnStats, modeOf, newStats } from './column-stats';
import { INFERENCE_DEFAULTS } from './inference-defaults';
import type { ColumnKind, LayoutColumn } from './types';

/** `end`: header, and the last header column (a `logger:`); `header`: header, more may follow. */
export type ColumnVerdict = 'header' | 'end' | 'message';

/** Constant columns after a number or name that mark a flood of one message rather than header fields. */
const FLOOD_COLUMNS = 2;

export class ColumnJudge {
  constructor(
    private readonly stats: readonly ColumnStats[],
    private readonly lines: number,
  ) {}

  private share(count: number): number {
    return count / this.lines;
  }

  private consistent(count: number): boolean {
    return this.share(count) >= INFERENCE_DEFAULTS.consistency;
  }

  /**
   * The kind nearly every token of the column has. Kinds that share a shape count together: a bracket column whose
   * values are sometimes levels (`[System]`, `[ERROR]`), a colon-ended column of levels and other words (`LOG:`,
   * `ERROR:`).
   */
  kind(index: number): ColumnKind | undefined {
    const stats = this.stats[index];
    if (stats === undefined || !this.consistent(stats.present)) return undefined;
    const [kind, count] = modeOf(stats.kinds);
    if (this.consistent(count)) return kind;
    const levels = stats.kinds.get('level') ?? 0;
    const brackets = stats.kinds.get('bracket') ?? 0;
    const names = stats.kinds.get('name') ?? 0;
    if (brackets > 0 && this.consistent(brackets + levels)) return 'bracket';
    if (names > 0 && this.consistent(names + levels) && this.terminates(index)) return 'name';
    return undefined;
  }

  present(index: number): boolean {
    const stats = this.stats[index];
    return stats !== undefined && this.consistent(stats.present);
  }

  isAnchor(index: number): boolean {
    const kind = this.kind(index);
    if (kind === 'time') return true;
    return kind === 'level' && (this.stats[index]?.values.size ?? 0) <= INFERENCE_DEFAULTS.maxLevelValues;
  }

  /** Tokens end in `:` or `]` (`logger:`, `tag[pid]:`, `main.go:42]`): a header's last field. */
  private terminates(index: number): boolean {
    const stats = this.stats[index];
    return stats !== undefined && this.consistent(Math.max(stats.endsColon, stats.endsBracket));
  }

  private padded(index: number): boolean {
    const stats = this.stats[index];
    return stats !== undefined && this.consistent(stats.padded);
  }

  private constant(index: number): boolean {
    const stats = this.stats[index];
    return stats !== undefined && stats.values.size === 1 && stats.present >= INFERENCE_DEFAULTS.minLinesForConstant;
  }

  private qualified(index: number): boolean {
    const stats = this.stats[index];
    return stats !== undefined && this.consistent(stats.dotted);
  }

  /**
   * The next columns take one value each in every line: the sample may be a flood of one message (`1146800
   * double-hummer alignment exceptions` 400 times), whose first words are not a header.
   */
  private floodFollows(index: number): boolean {
    for (let next = index + 1; next <= index + FLOOD_COLUMNS; next++) {
      const stats = this.stats[next];
      if (stats === undefined || stats.present === 0) return true; // the line ended: nothing varied after it
      // `core.1234`, `core.2275`: one shape; a `file.go:42]` or padded column is a header's, whatever its shape.
      if (stats.shapes.size !== 1 || this.kind(next) !== 'name' || this.terminates(next) || this.padded(next)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the column at `index` is header, given that the ones before it are. */
  verdict(index: number, depth = 0): ColumnVerdict {
    const kind = this.kind(index);
    if (kind === undefined) return 'message';
    if (kind === 'separator' || kind === 'bracket' || kind === 'time') return 'header';
    if (kind === 'number' || kind === 'id') return this.floodFollows(index) ? 'message' : 'header';
    if (kind === 'level') return this.isAnchor(index) ? 'header' : 'message';
    if (this.terminates(index)) return 'end';
    if (this.padded(index) || (this.constant(index) && !this.floodFollows(index))) return 'header';
    // A name is believed when a header column follows it: `host tag[pid]:`, `name - LEVEL -`, `logger - msg`.
    if (depth < 2 && this.verdict(index + 1, depth + 1) !== 'message') return 'header';
    // A qualified logger name ends the header (`... INFO [main] org.apache.catalina.startup.Catalina.start msg`).
    return this.qualified(index) ? 'end' : 'message';
  }

  /** After a column that ends the header, only a counter may still follow (nginx's `1234#0: *5`). */
  continuesAfterEnd(index: number): boolean {
    const kind = this.kind(index);
    return kind === 'number' || kind === 'id';
  }

  /** The layout column for `index`; `loose` accepts any token (columns before an anchor, whatever they hold). */
  column(index: number, loose: boolean): LayoutColumn {
    const stats = this.stats[index] ?? newStats();
    const [parts] = modeOf(stats.parts);
    const kind = this.kind(index);
    if (kind === 'time') return { kind, parts: parts ?? 1, shapes: [...stats.timeShapes] };
    if (loose || kind === undefined) return { kind: 'name', parts: 1 };
    if (kind === 'separator' || kind === 'level') return { kind, parts: 1, values: [...stats.values] };
    if (kind === 'bracket') {
      const [first] = modeOf(new Map([...stats.values].map((value) => [value.charAt(0), 1])));
      return { kind, parts: 1, opens: first ?? '[' };
    }
    if (kind === 'name' && this.terminates(index)) {
      return { kind, parts: 1, endsWith: stats.endsColon >= stats.endsBracket ? ':' : ']' };
    }
    // Names believed for their neighbours or their dots are what the first words of a message can also show: the
    // rules prior may overrule them. Padding and a single value (floods excluded above) are a header writer's.
    if (kind === 'name' && !this.padded(index) && !this.constant(index)) return { kind, parts: 1, weak: true };
    return { kind, parts: 1 };
  }
}
