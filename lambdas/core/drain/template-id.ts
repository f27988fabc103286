const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/**
 * A template id derived from the text the template was created with (64-bit FNV-1a, hex),
 * so the same cluster gets the same id in any process and after any restore. Computed only
 * when a template is created, so BigInt arithmetic costs nothing that matters.
 */
export function templateIdFor(text: string): string {
  let hash = FNV_OFFSET;
  for (let index = 0; index < text.length; index++) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}
