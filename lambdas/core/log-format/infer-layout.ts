/**
 * Learns a source's header layout from a sample of its own lines. The sample's leading tokens are aligned by
 * position; each column is classified by how its values behave across the lines (see ColumnKind); the header runs to
 * the last anchor column (a timestamp or a level, present in nearly every line), then on through columns that a
 * header writes and a message rarely starts with: separators, brackets, numbers, ids, names ending in `:` or `]`,
 * padded names, and names followed by such a column.
 */
import { ColumnJudge } from './column-judge';
import { type ColumnStats, addToken, modeOf, newStats } from './column-stats';
import { INFERENCE_DEFAULTS } from './inference-defaults';
import { innerColumns } from './inner-columns';
import { withOptionalBracket } from './optional-column';
import { MAX_SAMPLE_TOKENS, type SampleToken, sampleTokens } from './sample-tokens';
import type { ColumnKind, LayoutColumn, LogLayout } from './types';

export { INFERENCE_DEFAULTS };

/** Share of lines that must carry a delimiter for the split to use it. */
const SPLIT_SHARE = 0.8;

/** Lines that carry `delimiter` early, at least `times` times. */
function delimited(lines: readonly string[], delimiter: string, times: number): number {
  return lines.filter((line) => {
    let at = -1;
    for (let n = 0; n < times; n++) {
      at = line.indexOf(delimiter, at + 1);
      if (at < 0 || at > 96) return false;
    }
    return true;
  }).length;
}

/**
 * Tab-split when most lines carry tabs early (zap, Lambda's runtime lines, CloudFront, Windows event exports);
 * pipe-split when most carry two pipes early (NLog); else blank-split.
 */
function chooseSplit(lines: readonly string[]): LogLayout['split'] {
  if (delimited(lines, '\t', 1) >= lines.length * SPLIT_SHARE) return 'tab';
  if (delimited(lines, '|', 2) >= lines.length * SPLIT_SHARE) return 'pipe';
  return 'blank';
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
    for (const [index, token] of tokens.entries()) addToken(stats[index] as ColumnStats, token, text);
  }
  const layout = layoutFromStats(new ColumnJudge(stats, heads.length), split, heads.length / usable.length);
  if (layout === undefined) return undefined;
  if (split === 'blank') return withOptionalBracket(layout, heads);
  const inner = innerColumns(
    layout,
    heads.map(({ text }) => text),
  );
  return inner === undefined ? layout : { ...layout, inner };
}

function layoutFromStats(judge: ColumnJudge, split: LogLayout['split'], coverage: number): LogLayout | undefined {
  let anchor = -1;
  for (let index = 0; index <= INFERENCE_DEFAULTS.maxAnchorColumn && judge.present(index); index++) {
    if (judge.isAnchor(index)) anchor = index;
  }
  const columns: LayoutColumn[] = [];
  // Before the last anchor every column is header, whatever it holds (BGL's `-` or alert tag, HPC's node).
  for (let index = 0; index < anchor; index++) {
    const kind = judge.kind(index);
    columns.push(judge.column(index, kind !== 'time' && kind !== 'level'));
  }
  if (anchor >= 0) columns.push(judge.column(anchor, false));
  let vouched = anchor >= 0;
  for (let index = anchor + 1; index < MAX_SAMPLE_TOKENS; index++) {
    const verdict = judge.verdict(index);
    if (verdict === 'message') {
      // Pipe-delimited lines (`LEVEL|time|thread|message`): a field the writer ends with a pipe in nearly every line
      // is a header field whatever it holds; the message is the last field (pipes inside it come and go).
      if (split === 'pipe' && anchor >= 0 && judge.present(index + 1)) {
        columns.push(judge.column(index, true));
        continue;
      }
      break;
    }
    columns.push(judge.column(index, false));
    if (verdict === 'end') {
      vouched = true;
      while (index + 1 < MAX_SAMPLE_TOKENS && judge.continuesAfterEnd(index + 1))
        columns.push(judge.column(++index, false));
      break;
    }
    if (judge.kind(index) !== 'name') vouched = true;
  }
  // Columns the split cannot see into do not make a header on their own in tab mode; names alone never do.
  if (!vouched || columns.length === 0) return undefined;
  return { split, columns, coverage };
}
