import { WILDCARD, type Cluster } from './cluster';

/** An inner node of the prefix tree. Children keep insertion order, which snapshots preserve. */
export interface TreeNode {
  readonly children: Map<string, TreeNode>;
  /** Clusters of the lines that end their descent here (leaves only). */
  readonly clusters: Cluster[];
}

export function newTreeNode(): TreeNode {
  return { children: new Map(), clusters: [] };
}

/**
 * Drain's fixed-depth prefix tree: the first level splits lines by token count, the next
 * `depth - 2` levels by their leading tokens. Variable tokens (masked ones) always descend
 * through the `<*>` child, so a variable first word cannot scatter a template over many leaves.
 */
export class PrefixTree {
  /** Token count → the node for lines of that length. */
  readonly roots = new Map<number, TreeNode>();
  private readonly tokenLevels: number;

  constructor(
    depth: number,
    private readonly maxChildren: number,
  ) {
    this.tokenLevels = depth - 2;
  }

  /** The leaf whose clusters a line of these tokens is compared with, or `undefined`. */
  findLeaf(tokens: readonly string[], variable: readonly unknown[], count: number): Cluster[] | undefined {
    let node = this.roots.get(count);
    if (node === undefined) return undefined;
    const levels = Math.min(this.tokenLevels, count);
    for (let level = 0; level < levels; level++) {
      const child: TreeNode | undefined = variable[level] === undefined ? node.children.get(tokens[level]!) : undefined;
      node = child ?? node.children.get(WILDCARD);
      if (node === undefined) return undefined;
    }
    return node.clusters;
  }

  /** The leaf a new cluster with these tokens belongs to, creating the path as Drain does. */
  leafFor(tokens: readonly string[], variable: readonly unknown[], count: number): Cluster[] {
    let node = this.roots.get(count);
    if (node === undefined) {
      node = newTreeNode();
      this.roots.set(count, node);
    }
    const levels = Math.min(this.tokenLevels, count);
    for (let level = 0; level < levels; level++) {
      node = this.childFor(node, variable[level] === undefined ? tokens[level]! : WILDCARD);
    }
    return node.clusters;
  }

  /** Follows or creates the child for `token`; past `maxChildren`, new tokens share the `<*>` child. */
  private childFor(node: TreeNode, token: string): TreeNode {
    const existing = node.children.get(token);
    if (existing !== undefined) return existing;
    const children = node.children;
    const hasWildcard = children.has(WILDCARD);
    let key = token;
    if (token !== WILDCARD) {
      // Keep one slot for the wildcard child so unseen tokens always have somewhere to go.
      const room = hasWildcard ? children.size < this.maxChildren : children.size + 1 < this.maxChildren;
      if (!room) key = WILDCARD;
    }
    let child = children.get(key);
    if (child === undefined) {
      child = newTreeNode();
      children.set(key, child);
    }
    return child;
  }
}
