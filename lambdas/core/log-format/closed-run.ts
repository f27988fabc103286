import type { ColumnJudge } from './column-judge';
import { MAX_SAMPLE_TOKENS } from './sample-tokens';
import type { LayoutColumn } from './types';

/**
 * The header columns from `from` on, when they end the way a writer ends a header: a name ending in `:` or `]`
 * (`logger#run:`, `main.go:42]`), perhaps with a counter after it, or a separator (`name - `). Undefined otherwise:
 * columns that only a message's own first words could be (`generating core.6553`, a qualified name) are not
 * believed where no anchor vouches for them.
 */
export function closedRun(judge: ColumnJudge, from: number): LayoutColumn[] | undefined {
  const columns: LayoutColumn[] = [];
  for (let index = from; index < MAX_SAMPLE_TOKENS; index++) {
    const verdict = judge.verdict(index);
    if (verdict === 'message') break;
    const column = judge.column(index, false);
    columns.push(column);
    if (verdict === 'end') {
      if (column.endsWith === undefined) return undefined;
      while (index + 1 < MAX_SAMPLE_TOKENS && judge.continuesAfterEnd(index + 1))
        columns.push(judge.column(++index, false));
      return columns;
    }
  }
  return columns.at(-1)?.kind === 'separator' ? columns : undefined;
}
