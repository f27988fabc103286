/** Tunables of the layout inference, declared once. */
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
  /** Share of the lines a header field must appear in to be learnt as an optional column. */
  minOptionalShare: 0.1,
  /** A name column with one value across at least this many lines is a header field (a host, an app name). */
  minLinesForConstant: 50,
} as const;
