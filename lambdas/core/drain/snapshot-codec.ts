import {
  NO_VARIANT_KEY,
  refreshDerived,
  templateText,
  variantKey,
  WILDCARD,
  type Cluster,
  type LengthFamily,
} from './cluster';
import type { MinerOptions } from './config';
import { SnapshotError } from './errors';
import type { FamilyIndex } from './family-index';
import { newTreeNode, type PrefixTree, type TreeNode } from './prefix-tree';
import { hashText } from './token-hash';
import { familyText } from './length-families';
import {
  minerSnapshotSchema,
  READABLE_SNAPSHOT_VERSIONS,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type MinerSnapshot,
  type SnapshotNode,
} from './snapshot';

type StoredCluster = MinerSnapshot['clusters'][number];

/**
 * What the codec reads and restores of a template miner. Named here, not imported from the miner, so that the
 * miner can use the codec without the two modules importing each other.
 */
export interface MinerInternals {
  readonly options: MinerOptions;
  readonly tree: PrefixTree;
  readonly clusters: Map<string, Cluster>;
  readonly aliases: Map<string, string>;
  readonly families: FamilyIndex;
  issuedIds(): string[];
  reserveId(id: string): void;
}

export function snapshotMiner(miner: MinerInternals): MinerSnapshot {
  const tree: [number, SnapshotNode][] = [];
  for (const [length, node] of miner.tree.roots) tree.push([length, encodeNode(node)]);
  const clusters = [...miner.clusters.values()].map((cluster) => ({
    id: cluster.id,
    tokens: [...cluster.tokens],
    tracked: cluster.tracked.map((tracked): [number, number[]] => [tracked.position, [...tracked.values]]),
    templates: [...cluster.templates.values()].map((template) => ({
      id: template.id,
      keyParts: [...template.keyParts],
      count: template.count,
    })),
  }));
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    options: miner.options,
    clusters,
    aliases: [...miner.aliases],
    usedIds: miner.issuedIds(),
    tree,
    families: [...new Set(miner.families.byKey.values())].map((family) => ({
      keys: [...family.keys],
      members: family.members.map((cluster) => cluster.id),
      merged: family.template !== undefined,
    })),
  };
}

function encodeNode(node: TreeNode): SnapshotNode {
  const encoded: SnapshotNode = {};
  if (node.children.size > 0)
    encoded.children = [...node.children.values()].map((child) => [child.key, encodeNode(child)]);
  if (node.wildcard !== undefined) encoded.wildcard = encodeNode(node.wildcard);
  if (node.clusters.length > 0) encoded.clusters = node.clusters.map((cluster) => cluster.id);
  return encoded;
}

/** Checks the envelope first so an unknown version gets a message that says so, not a schema dump. */
function parseSnapshot(snapshot: unknown): MinerSnapshot {
  if (typeof snapshot !== 'object' || snapshot === null)
    throw new SnapshotError('miner snapshot: expected a JSON object');
  const { format, version } = snapshot as { format?: unknown; version?: unknown };
  if (format !== SNAPSHOT_FORMAT)
    throw new SnapshotError(`miner snapshot: format is ${JSON.stringify(format)}, expected "${SNAPSHOT_FORMAT}"`);
  if (typeof version !== 'number' || !READABLE_SNAPSHOT_VERSIONS.includes(version)) {
    throw new SnapshotError(
      `miner snapshot: version ${JSON.stringify(version)} is not supported (this build reads versions ${READABLE_SNAPSHOT_VERSIONS.join(', ')})`,
    );
  }
  const parsed = minerSnapshotSchema.safeParse(snapshot);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new SnapshotError(`miner snapshot: ${problems.join('; ')}`, { cause: parsed.error });
  }
  return parsed.data;
}

function decodeCluster(stored: StoredCluster, leaf: Cluster[]): Cluster {
  const cluster: Cluster = {
    id: stored.id,
    tokens: [...stored.tokens],
    hashes: Float64Array.from(stored.tokens, (token) => (token === WILDCARD ? Number.NaN : hashText(token))),
    wildcards: 0,
    paramPositions: [],
    tracked: stored.tracked.map(([position, values]) => ({ position, values: new Set(values) })),
    templates: new Map(),
    leaf,
    family: undefined,
  };
  refreshDerived(cluster);
  for (const template of stored.templates) {
    if (template.keyParts.length !== cluster.tracked.length) {
      throw new SnapshotError(
        `miner snapshot: template ${template.id} has ${template.keyParts.length} key parts, its cluster tracks ${cluster.tracked.length}`,
      );
    }
    const keyParts = [...template.keyParts];
    cluster.templates.set(variantKey(keyParts), {
      id: template.id,
      keyParts,
      text: templateText(cluster, keyParts),
      count: template.count,
    });
  }
  return cluster;
}

export function restoreMiner<Miner extends MinerInternals>(
  snapshot: unknown,
  create: (options: MinerOptions) => Miner,
): Miner {
  const parsed = parseSnapshot(snapshot);
  const miner = create(parsed.options);
  const stored = new Map(parsed.clusters.map((cluster) => [cluster.id, cluster]));
  const decoded = new Map<string, Cluster>();

  const decodeNode = (key: string, encoded: SnapshotNode): TreeNode => {
    const node = newTreeNode(key);
    for (const [childKey, child] of encoded.children ?? [])
      node.children.set(hashText(childKey), decodeNode(childKey, child));
    if (encoded.wildcard !== undefined) node.wildcard = decodeNode(WILDCARD, encoded.wildcard);
    for (const id of encoded.clusters ?? []) {
      const entry = stored.get(id);
      if (entry === undefined)
        throw new SnapshotError(`miner snapshot: tree names cluster ${id}, which is not in clusters`);
      const cluster = decodeCluster(entry, node.clusters);
      node.clusters.push(cluster);
      decoded.set(id, cluster);
    }
    return node;
  };
  for (const [length, encoded] of parsed.tree) miner.tree.setRoot(length, decodeNode(String(length), encoded));
  for (const { id } of parsed.clusters) {
    const cluster = decoded.get(id);
    if (cluster === undefined) throw new SnapshotError(`miner snapshot: cluster ${id} is not in the tree`);
    miner.clusters.set(id, cluster);
  }
  for (const family of parsed.families) restoreFamily(family, decoded, miner);
  // Head families not merged yet are derived from the clusters (family-index.ts), not stored.
  if (parsed.options.lengthFamilies) miner.families.refileHeads(decoded.values());
  for (const [from, to] of parsed.aliases) miner.aliases.set(from, to);
  for (const id of parsed.usedIds) miner.reserveId(id);
  return miner;
}

/** Re-links a family's member clusters; a merged family's members get back one shared template. */
function restoreFamily(
  stored: MinerSnapshot['families'][number],
  decoded: Map<string, Cluster>,
  miner: MinerInternals,
): void {
  const members = stored.members.map((id) => {
    const cluster = decoded.get(id);
    if (cluster === undefined)
      throw new SnapshotError(`miner snapshot: length family names cluster ${id}, which is not in the tree`);
    return cluster;
  });
  const family: LengthFamily = { keys: [...stored.keys], members, template: undefined };
  if (stored.merged) {
    const shared = members[0]!.templates.get(NO_VARIANT_KEY);
    for (const member of members) {
      const own = member.templates.get(NO_VARIANT_KEY);
      if (shared === undefined || own === undefined || own.id !== shared.id || member.templates.size !== 1) {
        throw new SnapshotError(
          `miner snapshot: cluster ${member.id} of a merged length family does not hold its shared template`,
        );
      }
      member.templates.set(NO_VARIANT_KEY, shared);
    }
    shared!.text = familyText(family.keys[family.keys.length - 1]!);
    family.template = shared;
  }
  for (const member of members) member.family = family;
  for (const key of family.keys) miner.families.byKey.set(key, family);
}
