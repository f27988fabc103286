/**
 * What a header column holds, learnt from how its values behave across a sample of one source's lines:
 * - `time`: a timestamp in any layout (one or more blank-separated parts, possibly in brackets);
 * - `level`: a severity word in any spelling, few distinct values;
 * - `number`: pids, thread ids, line counters;
 * - `id`: request ids (hex, UUID), high cardinality;
 * - `bracket`: a bracketed field (thread, logger, pid);
 * - `separator`: punctuation only (`-`, `|`, `:`, `*`);
 * - `name`: hosts, components, logger names, tags (identifiers of low to medium cardinality).
 */
export type ColumnKind = 'time' | 'level' | 'number' | 'id' | 'bracket' | 'separator' | 'name';

/** One header column of a learnt layout. Plain data, so a layout serialises to JSON as is. */
export interface LayoutColumn {
  readonly kind: ColumnKind;
  /** Blank-separated parts the column spans (a `Jun 14 15:16:01` time spans 3). */
  readonly parts: number;
  /** For `time`: the shapes seen (digit runs as `9`, letter runs as `a`); a line matches only one of these. */
  readonly shapes?: readonly string[];
  /** For `separator` and `level`: the values seen. */
  readonly values?: readonly string[];
  /** For `name`: every value ended with this character (`:` for loggers and syslog tags, `]` for glog locations). */
  readonly endsWith?: string;
  /**
   * For `name`: believed for its neighbours, its single value or its dots (`host` in `host tag[pid]:`), which a
   * flood of one message can also show; the rules prior may overrule it.
   */
  readonly weak?: true;
  /** For `bracket`: the opening character. */
  readonly opens?: string;
  /** Only some lines carry it (`[req-42]` inside requests): a line whose token does not fit skips the column. */
  readonly optional?: true;
}

/** How a source's lines are laid out: header columns, then the message. */
export interface LogLayout {
  /**
   * `blank`: columns separated by blanks; `tab`: by tabs (zap, CloudFront, Windows event exports); `pipe`: by `|`
   * (NLog).
   */
  readonly split: 'blank' | 'tab' | 'pipe';
  readonly columns: readonly LayoutColumn[];
  /**
   * For `tab` and `pipe` layouts: blank-separated header columns at the start of the last delimited field, before the
   * message (Jenkins' `time [id=42]<TAB>INFO<TAB>logger#run: message`). Optional per line: a line whose last field does
   * not start with them has its message start at the field.
   */
  readonly inner?: readonly LayoutColumn[];
  /** Share of the sample lines that matched the layout when it was learnt. */
  readonly coverage: number;
}
