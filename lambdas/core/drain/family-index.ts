import { NO_VARIANT_KEY, type Cluster, type LengthFamily, type Template } from './cluster';
import { headKey, headVaries, isHeadKey } from './head-families';
import { familyShouldMerge, familyText, lengthShape } from './length-families';

/** What filing a cluster did: nothing visible, or its template is now a family's shared one. */
export type FamilyOutcome = 'apart' | 'adopted' | 'merged';

/**
 * Length families by skeleton key (length-families.ts) and head families by head key
 * (head-families.ts). The miner files a cluster here when it is created and whenever its template
 * changes; a matched line that changes nothing never comes here. A merged head family is kept as
 * a merged length family indexed under its head key, so snapshots store both alike; head families
 * not merged yet are derived state (`refileHeads` rebuilds them after a restore).
 */
export class FamilyIndex {
  readonly byKey = new Map<string, LengthFamily>();
  /** Head families not merged yet, by head key; members in filing order. */
  private readonly heads = new Map<string, Cluster[]>();
  /** The head key each cluster is filed under in `heads`. */
  private readonly headOf = new Map<Cluster, string>();

  /** @param onMerge records that `from` now goes by `into` (the miner's aliases). */
  constructor(private readonly onMerge: (from: Template, into: Template) => void) {}

  /** Files `cluster` under its current skeleton and head key, merging its family when it should. */
  file(cluster: Cluster): FamilyOutcome {
    const current = cluster.family;
    if (current?.template !== undefined && isHeadKey(current.keys[0]))
      return this.generaliseMerged(current, headKey(cluster));
    const outcome = this.fileLength(cluster);
    if (outcome !== 'apart' || cluster.family?.template !== undefined) {
      this.leaveHead(cluster);
      return outcome;
    }
    return this.fileHead(cluster);
  }

  /** Takes `cluster` out of its families (evicted, or no longer of its skeleton). */
  leave(cluster: Cluster): void {
    this.leaveHead(cluster);
    this.leaveLength(cluster);
  }

  /** Files every cluster not in a merged family under its head key again (after a snapshot restore). */
  refileHeads(clusters: Iterable<Cluster>): void {
    for (const cluster of clusters) if (cluster.family?.template === undefined) this.fileHead(cluster);
  }

  private fileLength(cluster: Cluster): FamilyOutcome {
    const shape = lengthShape(cluster);
    const current = cluster.family;
    if (current !== undefined && current.template === undefined) {
      if (shape !== undefined && current.keys[0] === shape.key) return 'apart';
      // Its skeleton changed (a constant became a variable) or it keeps words apart now: refile it.
      this.leaveLength(cluster);
    }
    if (shape === undefined) return 'apart';
    if (current?.template !== undefined) return this.generaliseMerged(current, shape.key);
    const family = this.byKey.get(shape.key);
    if (family === undefined) {
      const created: LengthFamily = { keys: [shape.key], members: [cluster], template: undefined };
      this.byKey.set(shape.key, created);
      cluster.family = created;
      return 'apart';
    }
    family.members.push(cluster);
    cluster.family = family;
    if (family.template !== undefined) {
      this.adopt(family.template, cluster);
      return 'adopted';
    }
    if (!familyShouldMerge(family, shape)) return 'apart';
    const survivor = family.members[0]!.templates.get(NO_VARIANT_KEY)!;
    survivor.text = familyText(shape.key);
    family.template = survivor;
    for (const member of family.members) {
      this.leaveHead(member);
      this.adopt(survivor, member);
    }
    return 'merged';
  }

  /** Merged for good: a more general key of a member becomes the family's text. */
  private generaliseMerged(family: LengthFamily, key: string | undefined): FamilyOutcome {
    if (key === undefined || family.keys.includes(key) || this.byKey.has(key)) return 'apart';
    family.keys.push(key);
    this.byKey.set(key, family);
    family.template!.text = familyText(key);
    return 'merged';
  }

  /** Files a cluster that is in no merged family under its head key, merging the head family when it should. */
  private fileHead(cluster: Cluster): FamilyOutcome {
    const key = headKey(cluster);
    if (key !== undefined && key === this.headOf.get(cluster)) return 'apart';
    this.leaveHead(cluster);
    if (key === undefined) return 'apart';
    const merged = this.byKey.get(key);
    if (merged?.template !== undefined) {
      this.leaveLength(cluster);
      merged.members.push(cluster);
      cluster.family = merged;
      this.adopt(merged.template, cluster);
      return 'adopted';
    }
    const members = this.heads.get(key) ?? [];
    members.push(cluster);
    this.heads.set(key, members);
    this.headOf.set(cluster, key);
    if (!headVaries(members)) return 'apart';
    this.heads.delete(key);
    // The most frequent member's template survives (ties: the smaller id), so a miner restored
    // from a snapshot, which lists the members in another order, picks the same one.
    const survivor = members
      .map((member) => member.templates.get(NO_VARIANT_KEY)!)
      .reduce((best, next) =>
        next.count > best.count || (next.count === best.count && next.id < best.id) ? next : best,
      );
    const ordered = [...members].sort(
      (one, other) =>
        Number(other.templates.get(NO_VARIANT_KEY) === survivor) -
        Number(one.templates.get(NO_VARIANT_KEY) === survivor),
    );
    const family: LengthFamily = { keys: [key], members: ordered, template: survivor };
    this.byKey.set(key, family);
    survivor.text = familyText(key);
    for (const member of ordered) {
      this.headOf.delete(member);
      this.leaveLength(member);
      member.family = family;
      this.adopt(survivor, member);
    }
    return 'merged';
  }

  private leaveHead(cluster: Cluster): void {
    const key = this.headOf.get(cluster);
    if (key === undefined) return;
    this.headOf.delete(cluster);
    const members = this.heads.get(key)!;
    members.splice(members.indexOf(cluster), 1);
    if (members.length === 0) this.heads.delete(key);
  }

  private leaveLength(cluster: Cluster): void {
    const family = cluster.family;
    if (family === undefined) return;
    cluster.family = undefined;
    family.members.splice(family.members.indexOf(cluster), 1);
    if (family.members.length === 0) for (const key of family.keys) this.byKey.delete(key);
  }

  /** Makes the shared template the member's only one; its own id now goes by the shared one. */
  private adopt(shared: Template, member: Cluster): void {
    const own = member.templates.get(NO_VARIANT_KEY);
    if (own === undefined || own === shared) return;
    shared.count += own.count;
    this.onMerge(own, shared);
    member.templates.set(NO_VARIANT_KEY, shared);
  }
}
