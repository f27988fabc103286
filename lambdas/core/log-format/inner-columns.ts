/**
 * Header columns inside the last field of a tab- or pipe-split layout. Some writers put fields between tabs or pipes
 * and then one more header field before the message, separated by a blank (Jenkins' `time [id=42]<TAB>INFO<TAB>
 * hudson.model.Run#execute: message`, `level | time | logger - message`): the tokens that start the last field are
 * aligned and judged like any header's, and kept only when they end the way a header ends (see closedRun), so that a
 * message's own first words stay message.
 */
import { ColumnJudge } from './column-judge';
import { type ColumnStats, addToken, newStats } from './column-stats';
import { INFERENCE_DEFAULTS } from './inference-defaults';
import { emptyMatch, matchLayout } from './match-layout';
import { closedRun } from './closed-run';
import { MAX_SAMPLE_TOKENS, sampleTokens } from './sample-tokens';
import type { LayoutColumn, LogLayout } from './types';

/** The blank-separated header columns that start the last field of `layout`'s lines, or undefined when none show. */
export function innerColumns(layout: LogLayout, lines: readonly string[]): LayoutColumn[] | undefined {
  const match = emptyMatch();
  const stats = Array.from({ length: MAX_SAMPLE_TOKENS }, newStats);
  let matched = 0;
  for (const line of lines) {
    if (!matchLayout(layout, line, match)) continue;
    matched++;
    const field = line.slice(match.messageStart);
    for (const [index, token] of sampleTokens(field, 'blank').entries()) {
      addToken(stats[index] as ColumnStats, token, field);
    }
  }
  if (matched < INFERENCE_DEFAULTS.minLines) return undefined;
  return closedRun(new ColumnJudge(stats, matched), 0);
}
