/**
 * Learns a source's header layout from a sample of its own lines. The sample's leading tokens are aligned by
 * position; each column is classified by how its values behave across the lines (see ColumnKind); the header runs to
 * the last anchor column (a timestamp or a level, present in nearly every line), then on through columns that a
 * header writes and a message rarely starts with: separators, brackets, numbers, ids, names ending in `:` or `]`,
 * padded names, and names followed by such a column.
 */
import { MAX_SAMPLE_TOKENS, type SampleToken, sampleTokens, timeShape } from './sample-tokens';
import type { ColumnKind, LayoutColumn, LogLayout } from './types';

/** Tunables of the inference, declared once. */
export const INFERENCE_DEFAULTS = {
  /** Share of the lines a column must behave the same way in. */
  consistency: 0.9,
  /** Fewest lines worth learning from. */
  minLines: 8,
  /** Share of the sample the head lines (those starting like most) must reach. */
  minHeadShare: 0.3,
  /** A level column has at most this many distinct values. */
  maxLevelValues: 12,
  /** Anchors are searched in the first columns only: deeper, a fixed time or level is message text. */
  maxAnchorColumn: 10,
  /** Distinct values kept per column (time shapes, separators, levels). */
  maxValues: 16,
} as const;

interface ColumnStats {
  present: number;
  readonly kinds: Map<ColumnKind, number>;
  readonly values: Set<string>;
  readonly shapes: Set<string>;
  readonly parts: Map<number, number>;
  endsColon: number;
  endsBracket: number;
  padded: number;
}

function newStats(): ColumnStats {
  return {
    present: 0,
    kinds: new Map(),
    values: new Set(),
    shapes: new Set(),
    parts: new Map(),
    endsColon: 0,
    endsBracket: 0,
    padded: 0,
  };
}

function add(stats: ColumnStats, token: SampleToken, text: string): void {
  stats.present++;
  stats.kinds.set(token.kind, (stats.kinds.get(token.kind) ?? 0) + 1);
  stats.parts.set(token.parts, (stats.parts.get(token.parts) ?? 0) + 1);
  if (stats.values.size <= INFERENCE_DEFAULTS.maxValues) stats.values.add(token.value);
  if (token.kind === 'time' && stats.shapes.size <= INFERENCE_DEFAULTS.maxValues)
    stats.shapes.add(timeShape(token, text));
  const last = token.value.charCodeAt(token.value.length - 1);
  if (last === 58) stats.endsColon++;
  if (last === 93 && token.kind === 'name') stats.endsBracket++;
  if (token.padded) stats.padded++;
}

function modeOf<K>(counts: ReadonlyMap<K, number>): [K | undefined, number] {
  let best: K | undefined;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return [best, bestCount];
}

/** Tab-split when most lines carry tabs early (zap, Lambda's runtime lines, CloudFront, Windows event exports). */
function chooseSplit(lines: readonly string[]): LogLayout['split'] {
  const tabbed = lines.filter((line) => {
    const tab = line.indexOf('\t');
    return tab > 0 && tab < 64;
  }).length;
  return tabbed >= lines.length * 0.8 ? 'tab' : 'blank';
}

interface SampleLine {
  readonly text: string;
  readonly tokens: readonly SampleToken[];
}

/** The lines that start like most lines do (same first token kind): continuation lines and stack traces are left out. */
function headLines(sample: readonly SampleLine[]): SampleLine[] {
  const firstKinds = new Map<ColumnKind, number>();
  for (const { tokens } of sample) {
    const first = tokens[0];
    if (first !== undefined) firstKinds.set(first.kind, (firstKinds.get(first.kind) ?? 0) + 1);
  }
  const [kind] = modeOf(firstKinds);
  return sample.filter(({ tokens }) => tokens[0]?.kind === kind);
}

/** Which columns the sample says are header, and the column each one becomes. */
class ColumnJudge {
  constructor(
    private readonly stats: readonly ColumnStats[],
    private readonly lines: number,
  ) {}

  private share(count: number): number {
    return count / this.lines;
  }

  kind(index: number): ColumnKind | undefined {
    const stats = this.stats[index];
    if (stats === undefined || this.share(stats.present) < INFERENCE_DEFAULTS.consistency) return undefined;
    const [kind, count] = modeOf(stats.kinds);
    return this.share(count) >= INFERENCE_DEFAULTS.consistency ? kind : undefined;
  }

  present(index: number): boolean {
    const stats = this.stats[index];
    return stats !== undefined && this.share(stats.present) >= INFERENCE_DEFAULTS.consistency;
  }

  isAnchor(index: number): boolean {
    const kind = this.kind(index);
    if (kind === 'time') return true;
    return kind === 'level' && (this.stats[index]?.values.size ?? 0) <= INFERENCE_DEFAULTS.maxLevelValues;
  }

  /** A name column that ends the header by its own shape: `logger:`, `tag[pid]:`, `main.go:42]`, padding after it. */
  private terminates(index: number): boolean {
    const stats = this.stats[index];
    if (stats === undefined) return false;
    const ended = Math.max(stats.endsColon, stats.endsBracket);
    return this.share(ended) >= INFERENCE_DEFAULTS.consistency;
  }

  private padded(index: number): boolean {
    const stats = this.stats[index];
    return stats !== undefined && this.share(stats.padded) >= INFERENCE_DEFAULTS.consistency;
  }

  /** Whether the column at `index` is header when the one before it is: 'end' when the header ends with it. */
  verdict(index: number, depth = 0): 'header' | 'end' | 'message' {
    const kind = this.kind(index);
    if (kind === undefined) return 'message';
    if (kind === 'separator' || kind === 'bracket' || kind === 'number' || kind === 'id' || kind === 'time') {
      return 'header';
    }
    if (kind === 'level') return this.isAnchor(index) ? 'header' : 'message';
    if (this.terminates(index)) return 'end';
    if (this.padded(index)) return 'header';
    // A name is believed when a header column follows it: `host tag[pid]:`, `name - LEVEL -`, `logger - msg`.
    if (depth < 2 && this.verdict(index + 1, depth + 1) !== 'message') return 'header';
    return 'message';
  }

  column(index: number, loose: boolean): LayoutColumn {
    const stats = this.stats[index] ?? newStats();
    const [parts] = modeOf(stats.parts);
    const kind = this.kind(index);
    if (kind === 'time') return { kind, parts: parts ?? 1, shapes: [...stats.shapes] };
    if (loose || kind === undefined) return { kind: 'name', parts: 1 };
    if (kind === 'separator' || kind === 'level') return { kind, parts: 1, values: [...stats.values] };
    if (kind === 'bracket') {
      const [first] = modeOf(new Map([...stats.values].map((value) => [value.charAt(0), 1])));
      return { kind, parts: 1, opens: first ?? '[' };
    }
    if (kind === 'name' && this.terminates(index)) {
      return { kind, parts: 1, endsWith: stats.endsColon >= stats.endsBracket ? ':' : ']' };
    }
    return { kind, parts: 1 };
  }
}

/**
 * Learns the header layout of `lines` (a sample of one source), or undefined when no consistent header shows: too
 * few lines, no column that behaves like a header field, or only names nothing vouches for.
 */
export function inferLayout(lines: readonly string[]): LogLayout | undefined {
  const usable = lines.filter((line) => line.trim() !== '' && !line.trimStart().startsWith('{'));
  if (usable.length < INFERENCE_DEFAULTS.minLines) return undefined;
  const split = chooseSplit(usable);
  const heads = headLines(usable.map((text) => ({ text, tokens: sampleTokens(text, split) })));
  if (heads.length < Math.max(INFERENCE_DEFAULTS.minLines, usable.length * INFERENCE_DEFAULTS.minHeadShare)) {
    return undefined;
  }
  const stats = Array.from({ length: MAX_SAMPLE_TOKENS }, newStats);
  for (const { text, tokens } of heads) {
    for (const [index, token] of tokens.entries()) add(stats[index] as ColumnStats, token, text);
  }
  return layoutFromStats(new ColumnJudge(stats, heads.length), split, heads.length / usable.length);
}

function layoutFromStats(judge: ColumnJudge, split: LogLayout['split'], coverage: number): LogLayout | undefined {
  let anchor = -1;
  for (let index = 0; index <= INFERENCE_DEFAULTS.maxAnchorColumn && judge.present(index); index++) {
    if (judge.isAnchor(index)) anchor = index;
  }
  const columns: LayoutColumn[] = [];
  // Before the last anchor every column is header, whatever it holds (BGL's `-` or alert tag, HPC's node).
  for (let index = 0; index < anchor; index++) columns.push(judge.column(index, judge.kind(index) !== 'time'));
  if (anchor >= 0) columns.push(judge.column(anchor, false));
  let vouched = anchor >= 0;
  for (let index = anchor + 1; index < MAX_SAMPLE_TOKENS; index++) {
    const verdict = judge.verdict(index);
    if (verdict === 'message') break;
    columns.push(judge.column(index, false));
    if (verdict === 'end') {
      vouched = true;
      break;
    }
    if (judge.kind(index) !== 'name') vouched = true;
  }
  // Columns the split cannot see into do not make a header on their own in tab mode; names alone never do.
  if (!vouched || columns.length === 0) return undefined;
  return { split, columns, coverage };
}
