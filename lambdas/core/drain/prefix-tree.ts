import type { Cluster } from './cluster';

/** An inner node of the prefix tree. */
export interface TreeNode {
  /** The token this node stands for (`<*>` for the wildcard child); kept for snapshots. */
  readonly key: string;
  /** Children by token hash, in insertion order (it decides where `maxChildren` overflows). */
  readonly children: Map<number, TreeNode>;
  /** The child that variable tokens, and tokens past `maxChildren`, descend through. */
  wildcard: TreeNode | undefined;
  /** Clusters of the lines that end their descent here (leaves only). */
  readonly clusters: Cluster[];
}

export function newTreeNode(key: string): TreeNode {
  return { key, children: new Map(), wildcard: undefined, clusters: [] };
}

/** What the tree needs to know of a scanned line. */
export interface ScannedTokens {
  readonly hashes: Int32Array;
  /** Mask type codes; 0 for a constant word. */
  readonly kinds: Uint16Array;
  tokenAt(position: number): string;
}

/**
 * Drain's fixed-depth prefix tree: the first level splits lines by token count, the next
 * `depth - 2` levels by their leading tokens. Variable tokens (masked ones) always descend
 * through the wildcard child, so a variable first word cannot scatter a template over many
 * leaves. Children are keyed by token hash: a collision only puts two words in one subtree,
 * where the similarity check still tells their clusters apart.
 */
export class PrefixTree {
  /** Token count → the node for lines of that length. */
  readonly roots = new Map<number, TreeNode>();
  /** `roots` as an array indexed by token count: the lookup every line makes. */
  private readonly rootByCount: (TreeNode | undefined)[] = [];
  private readonly tokenLevels: number;

  constructor(
    depth: number,
    private readonly maxChildren: number,
  ) {
    this.tokenLevels = depth - 2;
  }

  /** The leaf whose clusters a line is compared with, or `undefined`. */
  findLeaf(line: ScannedTokens, count: number): Cluster[] | undefined {
    let node = this.rootByCount[count];
    if (node === undefined) return undefined;
    const levels = Math.min(this.tokenLevels, count);
    const { hashes, kinds } = line;
    for (let level = 0; level < levels; level++) {
      const child: TreeNode | undefined = kinds[level] === 0 ? node.children.get(hashes[level]!) : undefined;
      node = child ?? node.wildcard;
      if (node === undefined) return undefined;
    }
    return node.clusters;
  }

  /** The leaf a new cluster for this line belongs to, creating the path as Drain does. */
  leafFor(line: ScannedTokens, count: number): Cluster[] {
    let node = this.rootByCount[count];
    if (node === undefined) {
      node = newTreeNode(String(count));
      this.setRoot(count, node);
    }
    const levels = Math.min(this.tokenLevels, count);
    for (let level = 0; level < levels; level++) {
      node = line.kinds[level] === 0 ? this.childFor(node, line.hashes[level]!, line, level) : this.wildcardOf(node);
    }
    return node.clusters;
  }

  /** Puts the node for lines of `count` tokens (the snapshot codec restores roots with it). */
  setRoot(count: number, node: TreeNode): void {
    this.roots.set(count, node);
    this.rootByCount[count] = node;
  }

  /** Follows or creates the child for a word; past `maxChildren`, new words share the wildcard child. */
  private childFor(node: TreeNode, hash: number, line: ScannedTokens, level: number): TreeNode {
    const existing = node.children.get(hash);
    if (existing !== undefined) return existing;
    // One slot stays for the wildcard child, so unseen words always have somewhere to go.
    if (node.children.size + 1 >= this.maxChildren) return this.wildcardOf(node);
    const child = newTreeNode(line.tokenAt(level));
    node.children.set(hash, child);
    return child;
  }

  private wildcardOf(node: TreeNode): TreeNode {
    if (node.wildcard === undefined) node.wildcard = newTreeNode('<*>');
    return node.wildcard;
  }
}
