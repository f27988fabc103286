import { WILDCARD, type Cluster } from './cluster';

/**
 * Picks the cluster of `leaf` most similar to the line, as Drain does: similarity is the share
 * of positions where the template holds the line's token; wildcard positions count only when
 * `countWildcards` is set (matching) and break ties towards the more general template.
 * @returns the best cluster when its similarity reaches `threshold`
 */
export function bestMatch(
  leaf: readonly Cluster[],
  tokens: readonly string[],
  count: number,
  threshold: number,
  countWildcards: boolean,
): Cluster | undefined {
  let best: Cluster | undefined;
  let bestSimilar = -1;
  let bestWildcards = -1;
  for (let index = 0; index < leaf.length; index++) {
    const cluster = leaf[index]!;
    const template = cluster.tokens;
    let similar = 0;
    let wildcards = 0;
    for (let position = 0; position < count; position++) {
      const token = template[position];
      if (token === WILDCARD) wildcards++;
      else if (token === tokens[position]) similar++;
    }
    if (countWildcards) similar += wildcards;
    if (similar > bestSimilar || (similar === bestSimilar && wildcards > bestWildcards)) {
      best = cluster;
      bestSimilar = similar;
      bestWildcards = wildcards;
    }
  }
  return best !== undefined && bestSimilar >= threshold * count ? best : undefined;
}
