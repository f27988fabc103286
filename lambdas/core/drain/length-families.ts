/**
 * Length families: Drain keys clusters by token count, so a value that spans a varying number of
 * tokens (`1 min 2 s` / `5 s`, a list of block ids, a quoted string, a run of words) splits one
 * event into one cluster per length. A cluster's *skeleton* is its template with every run of
 * variable tokens (wildcards and masked tokens) written as one gap, and a repeated unit that holds
 * a gap (`node-<NUM> <HEX> <ok>` three times) written once. Clusters with one skeleton form a
 * family; a family merges into one template, the oldest member's id surviving, when
 * - it has members of more than `LENGTH_VARIANTS` token counts: like a position that takes many
 *   words, a gap that takes many lengths is a variable, while two lengths may be an optional
 *   field that tells events apart (`… rhost=<*>` / `… rhost=<*> user=<*>`), or
 * - two members differ only where the longer holds one typed value repeated (`<DURATION>
 *   <DURATION>` against `<DURATION>`, `blk_<NUM>` nine times against once): a list or a compound
 *   value, whatever its length.
 * The check runs only when a cluster is created or its template changes, never per matched line.
 */
import { WILDCARD, type Cluster, type LengthFamily } from './cluster';

/** A family merges once its members span more than this many token counts. */
export const LENGTH_VARIANTS = 2;
/** The longest repeated unit (in skeleton symbols) written once. */
const MAX_UNIT = 3;
export const GAP = '\u0000';
export const SEPARATOR = '\u0001';
/** The first token of a head family's key (head-families.ts): any word there, shown as `<*>`. */
export const HEAD = '\u0002';
const MASK = /<[A-Z*][A-Z0-9_]*>/;

/** A cluster's skeleton, and the runs of variable tokens its gaps stand for. */
export interface LengthShape {
  readonly key: string;
  readonly count: number;
  readonly runs: readonly (readonly string[])[];
}

export function isVariable(token: string): boolean {
  return token === WILDCARD || (token.includes('<') && MASK.test(token));
}

/** Writes each repeated unit of up to `MAX_UNIT` symbols that holds a gap once (`a ␀ b ␀ b` → `a ␀ b`). */
export function collapseRepeats(symbols: string[]): string[] {
  const out = [...symbols];
  for (let unit = 1; unit <= MAX_UNIT; unit++) {
    for (let start = 0; start + 2 * unit <= out.length; ) {
      let repeated = true;
      let holdsGap = false;
      for (let offset = 0; offset < unit && repeated; offset++) {
        repeated = out[start + offset] === out[start + unit + offset];
        holdsGap ||= out[start + offset] === GAP;
      }
      if (repeated && holdsGap) out.splice(start + unit, unit);
      else start++;
    }
  }
  return out;
}

/** The skeleton symbols of `tokens` (each variable run one gap) and the runs the gaps stand for. */
export function skeletonOf(tokens: readonly string[]): { symbols: string[]; runs: string[][] } {
  const symbols: string[] = [];
  const runs: string[][] = [];
  let run: string[] | undefined;
  for (const token of tokens) {
    if (isVariable(token)) {
      if (run === undefined) {
        run = [];
        runs.push(run);
        symbols.push(GAP);
      }
      run.push(token);
    } else {
      run = undefined;
      symbols.push(token);
    }
  }
  return { symbols, runs };
}

/** The cluster's skeleton; `undefined` while it keeps templates apart by words (tracked positions). */
export function lengthShape(cluster: Cluster): LengthShape | undefined {
  if (cluster.tracked.length > 0) return undefined;
  const { symbols, runs } = skeletonOf(cluster.tokens);
  if (runs.length === 0) return undefined;
  return { key: collapseRepeats(symbols).join(SEPARATOR), count: cluster.tokens.length, runs };
}

/** The template text a merged family shows: its skeleton with each gap (and a head family's head) as `<*>`. */
export function familyText(key: string): string {
  return key
    .split(SEPARATOR)
    .map((symbol) => (symbol === GAP || symbol === HEAD ? WILDCARD : symbol))
    .join(' ');
}

/** True when `longer` is one typed value (no wildcard) repeated and `shorter` holds only that value or wildcards. */
function repeatsOneValue(shorter: readonly string[], longer: readonly string[]): boolean {
  const value = longer[0];
  if (value === undefined || value === WILDCARD) return false;
  return longer.every((token) => token === value) && shorter.every((token) => token === value || token === WILDCARD);
}

/** Whether two shapes of one skeleton differ only where one holds a typed value repeated. */
function differByRepeats(one: LengthShape, other: LengthShape): boolean {
  if (one.count === other.count || one.runs.length !== other.runs.length) return false;
  return one.runs.every((run, index) => {
    const otherRun = other.runs[index]!;
    if (run.length === otherRun.length) return true;
    return run.length < otherRun.length ? repeatsOneValue(run, otherRun) : repeatsOneValue(otherRun, run);
  });
}

/** Whether `newcomer` (already a member) makes its family merge. */
export function familyShouldMerge(family: LengthFamily, newcomer: LengthShape): boolean {
  const shapes = family.members.map(lengthShape).filter((shape) => shape !== undefined);
  if (new Set(shapes.map((shape) => shape.count)).size > LENGTH_VARIANTS) return true;
  return shapes.some((shape) => differByRepeats(shape, newcomer));
}
