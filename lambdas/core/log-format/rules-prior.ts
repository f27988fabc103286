/**
 * Today's rule-based header parser as a prior on the learnt header boundary. Where the rules strip a header of the
 * same length on nearly every sample line and it ends at a different column, their boundary is taken when the
 * columns in between are only names the inference could not place (the rules know `CBS` in `Info   CBS   msg` is a
 * component); anchors, brackets and names ending in `:` stay as learnt.
 */
import { parseLogLine } from '../log-line';
import { INFERENCE_DEFAULTS } from './infer-layout';
import { emptyMatch, matchLayout } from './match-layout';
import { firstTokenStart, nextTokenStart, tokenEnd } from './tokens';
import type { LayoutColumn, LogLayout } from './types';

/** Further columns the prior may add after the learnt ones. */
const MAX_EXTRA_COLUMNS = 3;

/** Index of the column boundary (0 = line start) at which the rules' message begins, or -1. */
function rulesBoundary(layout: LogLayout, line: string, learntStart: number): number {
  const parsed = parseLogLine(line);
  if (parsed.format !== 'header') return -1;
  const messageStart = line.trimEnd().length - parsed.message.length;
  if (messageStart === learntStart) return layout.columns.length;
  // Walk the line's tokens from the start, boundary by boundary, until the rules' start is reached or passed.
  let at = firstTokenStart(line, layout.split);
  let boundary = 0;
  const columns = layout.columns.length + MAX_EXTRA_COLUMNS;
  for (; boundary < columns && at >= 0 && at < messageStart; boundary++) {
    const parts = layout.columns[boundary]?.parts ?? 1;
    let end = tokenEnd(line, at, layout.split);
    for (let n = 1; n < parts && end >= 0; n++) {
      const next = nextTokenStart(line, end, layout.split);
      end = next < 0 ? -1 : tokenEnd(line, next, layout.split);
    }
    if (end < 0) return -1;
    at = nextTokenStart(line, end, layout.split);
  }
  return at === messageStart ? boundary : -1;
}

function isUnplacedName(column: LayoutColumn): boolean {
  return column.kind === 'name' && column.weak === true;
}

export function reconcileWithRules(layout: LogLayout, sample: readonly string[]): LogLayout {
  // Columns inside the last field and optional columns were vouched for by the `name:` or separator that closes them
  // (and the walk below counts tokens as if every line carried every column).
  if (layout.inner !== undefined || layout.columns.some((column) => column.optional === true)) return layout;
  const match = emptyMatch();
  const votes = new Map<number, number>();
  let matched = 0;
  for (const line of sample) {
    if (!matchLayout(layout, line, match)) continue;
    matched++;
    const boundary = rulesBoundary(layout, line, match.messageStart);
    votes.set(boundary, (votes.get(boundary) ?? 0) + 1);
  }
  let best = -1;
  let bestVotes = 0;
  for (const [boundary, count] of votes) {
    if (count > bestVotes) {
      best = boundary;
      bestVotes = count;
    }
  }
  const learnt = layout.columns.length;
  if (best < 0 || best === learnt || bestVotes < matched * INFERENCE_DEFAULTS.consistency) return layout;
  if (best > learnt) {
    const extra: LayoutColumn[] = Array.from({ length: best - learnt }, () => ({ kind: 'name', parts: 1 }));
    return { ...layout, columns: [...layout.columns, ...extra] };
  }
  const dropped = layout.columns.slice(best);
  return dropped.every(isUnplacedName) ? { ...layout, columns: layout.columns.slice(0, best) } : layout;
}
