import { HASH_PRIME, HASH_SEED, hashText } from './token-hash';

/** The wildcard a template holds where its lines disagree. */
export const WILDCARD = '<*>';

/**
 * A template as users see it: a Drain cluster's template with the cluster's tracked positions
 * filled in with this template's words.
 */
export interface Template {
  readonly id: string;
  /** The words this template holds at the cluster's tracked positions, in `tracked` order. */
  keyParts: string[];
  /** Tokens joined by single spaces. */
  text: string;
  count: number;
}

/** A position of a cluster where lines held different words; it stays a template split until it takes too many. */
export interface TrackedPosition {
  readonly position: number;
  /** Hashes of the words the position has taken. */
  readonly values: Set<number>;
}

/**
 * One Drain cluster: lines of one length that share enough tokens. Positions where the lines
 * disagree are `<*>` in `tokens`; where they disagree only by a few plain words, the cluster
 * keeps one `Template` per word (`tracked`), because a position that takes two or three words
 * (`initialization`/`finalization`, `usable`/`reserved`) usually tells templates apart, while a
 * real variable takes many values.
 */
export interface Cluster {
  /** The id of the cluster's first template, which survives every merge. */
  readonly id: string;
  readonly tokens: string[];
  /** Hash of each token; NaN at wildcards, so they never count as similar. */
  readonly hashes: Float64Array;
  /** How many positions are wildcards. */
  wildcards: number;
  /** Positions that yield parameters: untracked wildcards and tokens holding a mask. */
  paramPositions: number[];
  readonly tracked: TrackedPosition[];
  /** Key (`variantKey` of the words at the tracked positions) → template. Insertion order is creation order. */
  readonly templates: Map<number, Template>;
  /** The leaf list that holds this cluster, so eviction can remove it without a search. */
  readonly leaf: Cluster[];
  /** The clusters of other lengths it shares a skeleton with (length-families.ts). */
  family: LengthFamily | undefined;
}

/**
 * Clusters of different lengths that share a skeleton (length-families.ts), and their shared template once
 * they merged. Declared beside {@link Cluster} because each refers to the other.
 */
export interface LengthFamily {
  /** The skeleton keys the family is indexed under; the last is the most general. */
  readonly keys: string[];
  /** Oldest first: the first member's template survives the merge. */
  readonly members: Cluster[];
  /** The one template every member holds once merged; `undefined` while they are apart. */
  template: Template | undefined;
}

/** Recomputes what derives from `tokens` and `tracked`, after the cluster changed. */
export function refreshDerived(cluster: Cluster): void {
  let wildcards = 0;
  const paramPositions: number[] = [];
  cluster.tokens.forEach((token, position) => {
    if (token === WILDCARD) {
      wildcards++;
      if (!cluster.tracked.some((tracked) => tracked.position === position)) paramPositions.push(position);
    } else if (token.includes('<')) {
      paramPositions.push(position);
    }
  });
  cluster.wildcards = wildcards;
  cluster.paramPositions = paramPositions;
}

/** The key of a cluster without tracked positions: the key of no words. */
export const NO_VARIANT_KEY = HASH_SEED;

/** Combines the hashes of the words at the tracked positions into one template key. */
export function combineVariantKey(key: number, wordHash: number): number {
  return Math.imul(key ^ wordHash, HASH_PRIME);
}

/** The key of a template holding `keyParts` at the tracked positions. */
export function variantKey(keyParts: readonly string[]): number {
  let key = NO_VARIANT_KEY;
  for (const part of keyParts) key = combineVariantKey(key, hashText(part));
  return key;
}

/** The template text for `keyParts` under the cluster's current tokens. */
export function templateText(cluster: Cluster, keyParts: readonly string[]): string {
  if (cluster.tracked.length === 0) return cluster.tokens.join(' ');
  const tokens = [...cluster.tokens];
  cluster.tracked.forEach((tracked, index) => {
    tokens[tracked.position] = keyParts[index]!;
  });
  return tokens.join(' ');
}

const MASK = /<[A-Z*][A-Z0-9_]*>/g;
/** Anything but the punctuation that wraps values: `()`, `[]`, quotes and separators carry no words. */
const WORD_CHARACTER = /[^\s()[\]{}<>"',;:]/;
const PLACEHOLDER = /^[^\w\s<>()[\]{}"',;:]+$/;

/** The token with every mask written as `<>`, so `rhost=<IP>` and `rhost=<ID>` compare equal. */
function skeleton(token: string): string {
  return token.includes('<') ? token.replace(MASK, '<>') : token;
}

/** True when the token holds a word outside its masks (`uid=<NUM>` and `****` do, `(<ID>)` and `()` do not). */
export function holdsWord(token: string): boolean {
  return WORD_CHARACTER.test(token.includes('<') ? token.replace(MASK, '') : token);
}

/** A placeholder written in place of a value, such as `****` or `-`: symbols only. */
function isPlaceholder(token: string): boolean {
  return PLACEHOLDER.test(token);
}

/**
 * Whether two tokens that disagree at a position may tell templates apart: both hold words
 * and differ by more than the type of a masked value, or one is a placeholder (`****`) that
 * stands where the other has a value.
 */
export function mayDistinguishTemplates(held: string, token: string): boolean {
  if (isPlaceholder(held) || isPlaceholder(token)) return true;
  return holdsWord(held) && holdsWord(token) && skeleton(held) !== skeleton(token);
}
