/**
 * FNV-1a over UTF-16 code units, then the length mixed in, as the scanner computes it inline
 * while it reads a token. Tokens are compared by this hash alone: two different tokens collide
 * with probability 2^-32, and a collision only keeps one word of one line out of its template's
 * wildcards.
 */
export const HASH_SEED = 0x811c9dc5 | 0;
export const HASH_PRIME = 16777619;

export function hashText(text: string): number {
  let hash = HASH_SEED;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), HASH_PRIME);
  return Math.imul(hash ^ text.length, HASH_PRIME);
}
