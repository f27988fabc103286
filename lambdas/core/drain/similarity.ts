import type { Cluster } from './cluster';

/**
 * Picks the cluster of `leaf` most similar to the line, as Drain does: similarity is the share
 * of positions where the template holds the line's token; wildcard positions count only when
 * `countWildcards` is set (matching) and break ties towards the more general template.
 * Tokens are compared by hash; the miner verifies the chosen cluster's tokens exactly.
 * @returns the best cluster when its similarity reaches `threshold`
 */
/** How many positions of the last best match held the line's token; read right after `bestMatch`. */
export const lastMatch = { similar: 0 };

export function bestMatch(
  leaf: readonly Cluster[],
  hashes: Int32Array,
  count: number,
  threshold: number,
  countWildcards: boolean,
): Cluster | undefined {
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
  lastMatch.similar = countWildcards ? bestSimilar - bestWildcards : bestSimilar;
  return best !== undefined && bestSimilar >= threshold * count ? best : undefined;
}
