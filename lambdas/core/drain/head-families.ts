/**
 * Head families: Drain's prefix tree keys on the first tokens, so a variable first token that is
 * a plain word (a program name before a constant message: `sshd: session opened for user root`,
 * `cron: session opened for user root`) sends each value to its own leaf, where no line of the
 * other values is ever compared. (Paths and ids are masked, so they already share a leaf.)
 * A cluster's *head key* is its skeleton (length-families.ts) with the first token written as one
 * `HEAD` symbol, whatever word it holds. Clusters of one head key form a head family, which merges
 * into one template (`<*> session opened for user root`) once its first token varies (`headVaries`):
 * more than `HEAD_VARIANTS` different words, the rule a tracked word position follows
 * (`wordVariants`), so two or three events that differ only in their first word stay apart.
 *
 * Only a first token written as a label counts: one that ends in a colon (`sshd:`, `app.py:`) or
 * stands in brackets (`[worker]`), the way a program tags its message, or one that is already a
 * variable (a cluster whose lines came down the tree's wildcard branch holds `<*>` there). A bare first word is the
 * message's own subject (`cupsd startup succeeded` / `klogd startup succeeded`, `tickTime set to
 * <*>` / `maxSessionTimeout set to <*>`), and lines naming different subjects are different events.
 */
import { WILDCARD, type Cluster } from './cluster';
import { collapseRepeats, HEAD, isVariable, SEPARATOR, skeletonOf } from './length-families';

/** A head family merges once its members hold more than this many first tokens (as `wordVariants`). */
export const HEAD_VARIANTS = 3;
/**
 * Fewest constant tokens after the head: with fewer, the rest of the line says too little to
 * tell that the lines are one event (`<*> <*>` would merge any two-token lines).
 */
export const HEAD_CONSTANTS = 2;
/** A first token written as a label: ending in a colon, or in brackets. */
const LABEL = /(?:.:|^\[.+\])$/;

/** The cluster's head key, or `undefined` when it keeps templates apart by words or says too little after its head. */
export function headKey(cluster: Cluster): string | undefined {
  const head = cluster.tokens[0] ?? '';
  if (cluster.tracked.length > 0 || !(isVariable(head) || LABEL.test(head))) return undefined;
  const rest = cluster.tokens.slice(1);
  let constants = 0;
  for (const token of rest) if (!isVariable(token)) constants++;
  if (constants < HEAD_CONSTANTS) return undefined;
  return [HEAD, ...collapseRepeats(skeletonOf(rest).symbols)].join(SEPARATOR);
}

/** Whether `key` is a head family's key (length families' keys never start with `HEAD`). */
export function isHeadKey(key: string | undefined): boolean {
  return key?.startsWith(HEAD) === true;
}

/**
 * Whether a head family's first token is a variable: its members hold more than `HEAD_VARIANTS`
 * different first tokens, or one of them already holds `<*>` there (Drain generalised it over
 * lines that came down the tree's wildcard branch) and the others are lines the tree sent elsewhere.
 */
export function headVaries(clusters: readonly Cluster[]): boolean {
  const heads = new Set(clusters.map((cluster) => cluster.tokens[0]));
  return heads.size > HEAD_VARIANTS || (heads.size > 1 && heads.has(WILDCARD));
}
