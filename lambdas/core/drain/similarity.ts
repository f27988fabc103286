import type { Cluster } from './cluster';

/** The cluster a line fits best, and how many positions of it held the line's own token. */
export interface ClusterMatch {
  readonly cluster: Cluster;
  /** Positions where the template held the line's token (wildcards not counted). */
  readonly similar: number;
}

/**
 * Picks the cluster of `leaf` most similar to the line, as Drain does: similarity is the share
 * of positions where the template holds the line's token; wildcard positions count only when
 * `countWildcards` is set (matching) and break ties towards the more general template.
 * Tokens are compared by hash; the miner verifies the chosen cluster's tokens exactly.
 * @returns the best cluster when its similarity reaches `threshold`
 */
export function bestMatch(
  leaf: readonly Cluster[],
  hashes: Int32Array,
  count: number,
  threshold: number,
  countWildcards: boolean,
): ClusterMatch | undefined {
  let best: Cluster | undefined;
  let bestSimilar = -1;
  let bestWildcards = -1;
  for (let index = 0; index < leaf.length; index++) {
    const cluster = leaf[index]!;
    const template = cluster.hashes;
    const wildcards = cluster.wildcards;
    let similar = 0;
    for (let position = 0; position < count; position++) if (template[position] === hashes[position]) similar++;
    if (countWildcards) similar += wildcards;
    if (similar > bestSimilar || (similar === bestSimilar && wildcards > bestWildcards)) {
      best = cluster;
      bestSimilar = similar;
      bestWildcards = wildcards;
    }
  }
  if (best === undefined || bestSimilar < threshold * count) return undefined;
  return { cluster: best, similar: countWildcards ? bestSimilar - bestWildcards : bestSimilar };
}
