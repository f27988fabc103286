import { z } from 'zod';
import { minerOptionsSchema } from './config';

/**
 * Bumped whenever the snapshot layout changes; older readers reject newer snapshots by name.
 * Version 2 added length families (`families`; a merged family's clusters list one shared template).
 */
export const SNAPSHOT_VERSION = 2;
/** Versions this build reads: a version-1 snapshot is read as a miner without length families. */
export const READABLE_SNAPSHOT_VERSIONS: readonly number[] = [1, 2];
export const SNAPSHOT_FORMAT = 'culprit-drain';

/** A tree node: word children in insertion order (it decides where `maxChildren` overflows), the wildcard child, and leaf cluster ids. */
export interface SnapshotNode {
  children?: [string, SnapshotNode][] | undefined;
  wildcard?: SnapshotNode | undefined;
  clusters?: string[] | undefined;
}

const snapshotNodeSchema: z.ZodType<SnapshotNode> = z.lazy(() =>
  z.object({
    children: z.array(z.tuple([z.string(), snapshotNodeSchema])).optional(),
    wildcard: snapshotNodeSchema.optional(),
    clusters: z.array(z.string()).optional(),
  }),
);

export const snapshotTemplateSchema = z.object({
  id: z.string().min(1),
  keyParts: z.array(z.string()),
  count: z.number().int().nonnegative(),
});

export const snapshotClusterSchema = z.object({
  id: z.string().min(1),
  tokens: z.array(z.string()),
  /** Tracked positions and the hashes of the words each has taken, in tracking order. */
  tracked: z.array(z.tuple([z.number().int().nonnegative(), z.array(z.number().int())])),
  /** In creation order. */
  templates: z.array(snapshotTemplateSchema).min(1),
});

/** Clusters of one skeleton and different lengths (length-families.ts). */
export const snapshotFamilySchema = z.object({
  /** The skeleton keys it is indexed under, the most general last. */
  keys: z.array(z.string()).min(1),
  /** Member cluster ids, oldest first. */
  members: z.array(z.string()).min(1),
  /** Whether the members share one template (the first member's). */
  merged: z.boolean(),
});

/**
 * The whole miner state as plain JSON. Clusters are listed least recently used first, so a
 * restored miner evicts in the same order; the tree is kept as it was, so lines descend to the
 * same leaves. Restoring and continuing gives exactly the result of never stopping.
 */
export const minerSnapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.union([z.literal(1), z.literal(SNAPSHOT_VERSION)]),
  options: minerOptionsSchema,
  clusters: z.array(snapshotClusterSchema),
  /** Merged template id → the id it merged into. */
  aliases: z.array(z.tuple([z.string(), z.string()])),
  /** Every id ever issued, so new templates never reuse one. */
  usedIds: z.array(z.string()),
  /** Token count (as a string key) → subtree. */
  tree: z.array(z.tuple([z.number().int().nonnegative(), snapshotNodeSchema])),
  /** Length families; absent from version 1. */
  families: z.array(snapshotFamilySchema).default([]),
});

export type MinerSnapshot = z.infer<typeof minerSnapshotSchema>;
