/** FNV-1a over UTF-16 code units, as the scanner computes it inline while it reads a token. */
export const HASH_SEED = 0x811c9dc5 | 0;
export const HASH_PRIME = 16777619;

export function hashText(text: string): number {
  let hash = HASH_SEED;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), HASH_PRIME);
  return hash;
}
