/**
 * A bracketed header field that only some lines carry (`[req-42]` on the lines logged inside a request, an MDC
 * `[user=ann]`): at its position the lines disagree, so the plain alignment ends the header there and the fields after
 * it (`logger:`) are left in the message. Here the lines that carry it are shifted back by one token, the columns
 * after it judged again, and the field kept as an optional column when a header's closing follows it (closedRun); a
 * bracket at the very end of the header stays message, as a message may start with one (`[client 10.0.0.1] ...`).
 */
import { ColumnJudge } from './column-judge';
import { type ColumnStats, addToken, modeOf, newStats } from './column-stats';
import { closedRun } from './closed-run';
import { INFERENCE_DEFAULTS } from './inference-defaults';
import { MAX_SAMPLE_TOKENS, type SampleToken } from './sample-tokens';
import type { LogLayout } from './types';

interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly SampleToken[];
}

/** `layout` with an optional bracket column and the header columns after it, when the sample shows one. */
export function withOptionalBracket(layout: LogLayout, lines: readonly TokenizedLine[]): LogLayout {
  const at = layout.columns.length;
  const opens = new Map<string, number>();
  for (const { tokens } of lines) {
    const token = tokens[at];
    if (token?.kind === 'bracket') opens.set(token.value.charAt(0), (opens.get(token.value.charAt(0)) ?? 0) + 1);
  }
  const [open, carrying] = modeOf(opens);
  const share = carrying / lines.length;
  if (open === undefined || share < INFERENCE_DEFAULTS.minOptionalShare || share >= INFERENCE_DEFAULTS.consistency) {
    return layout;
  }
  const stats = Array.from({ length: MAX_SAMPLE_TOKENS }, newStats);
  for (const { text, tokens } of lines) {
    const token = tokens[at];
    const rest = token?.kind === 'bracket' && token.value.startsWith(open) ? at + 1 : at;
    for (let index = rest; index < tokens.length; index++) {
      addToken(stats[index - rest] as ColumnStats, tokens[index] as SampleToken, text);
    }
  }
  const after = closedRun(new ColumnJudge(stats, lines.length), 0);
  if (after === undefined) return layout;
  return {
    ...layout,
    columns: [...layout.columns, { kind: 'bracket', parts: 1, opens: open, optional: true }, ...after],
  };
}
