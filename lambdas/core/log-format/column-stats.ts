import { INFERENCE_DEFAULTS } from './inference-defaults';
import { type SampleToken, timeShape } from './sample-tokens';
import type { ColumnKind } from './types';

/** How one column's tokens behaved across the sample's head lines. */
export interface ColumnStats {
  present: number;
  readonly kinds: Map<ColumnKind, number>;
  /** Distinct values, up to maxValues + 1 (so "more than maxValues" is still told apart). */
  readonly values: Set<string>;
  /** Distinct shapes (digit runs as `9`, letter runs as `a`) of all tokens, and of time tokens; up to maxValues + 1. */
  readonly shapes: Set<string>;
  readonly timeShapes: Set<string>;
  readonly parts: Map<number, number>;
  endsColon: number;
  endsBracket: number;
  padded: number;
  /** Qualified names: `org.apache.catalina.startup.Catalina`, `my_crate::handler`. */
  dotted: number;
}

const QUALIFIED = /^[A-Za-z_$][\w$]*(?:(?:\.|::)[\w$]+)+$/;

export function newStats(): ColumnStats {
  return {
    present: 0,
    kinds: new Map(),
    values: new Set(),
    shapes: new Set(),
    timeShapes: new Set(),
    parts: new Map(),
    endsColon: 0,
    endsBracket: 0,
    padded: 0,
    dotted: 0,
  };
}

export function addToken(stats: ColumnStats, token: SampleToken, text: string): void {
  stats.present++;
  stats.kinds.set(token.kind, (stats.kinds.get(token.kind) ?? 0) + 1);
  stats.parts.set(token.parts, (stats.parts.get(token.parts) ?? 0) + 1);
  if (stats.values.size <= INFERENCE_DEFAULTS.maxValues) stats.values.add(token.value);
  if (stats.shapes.size <= INFERENCE_DEFAULTS.maxValues) stats.shapes.add(timeShape(token, text));
  if (token.kind === 'time' && stats.timeShapes.size <= INFERENCE_DEFAULTS.maxValues) {
    stats.timeShapes.add(timeShape(token, text));
  }
  const last = token.value.charCodeAt(token.value.length - 1);
  if (last === 58) stats.endsColon++;
  if (last === 93 && token.kind === 'name') stats.endsBracket++;
  if (token.padded) stats.padded++;
  if (token.kind === 'name' && QUALIFIED.test(token.value)) stats.dotted++;
}

export function modeOf<K>(counts: ReadonlyMap<K, number>): [K | undefined, number] {
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
