import { NO_VARIANT_KEY, type Cluster, type LengthFamily, type Template } from './cluster';
import { familyShouldMerge, familyText, lengthShape } from './length-families';

/** What filing a cluster did: nothing visible, or its template is now a family's shared one. */
export type FamilyOutcome = 'apart' | 'adopted' | 'merged';

/**
 * Length families by skeleton key (length-families.ts). The miner files a cluster here when it
 * is created and whenever its template changes; a matched line that changes nothing never
 * comes here.
 */
export class FamilyIndex {
  readonly byKey = new Map<string, LengthFamily>();

  /** @param onMerge records that `from` now goes by `into` (the miner's aliases). */
  constructor(private readonly onMerge: (from: Template, into: Template) => void) {}

  /** Files `cluster` under its current skeleton, merging its family when it should. */
  file(cluster: Cluster): FamilyOutcome {
    const shape = lengthShape(cluster);
    const current = cluster.family;
    if (current !== undefined && current.template === undefined) {
      if (shape !== undefined && current.keys[0] === shape.key) return 'apart';
      // Its skeleton changed (a constant became a variable) or it keeps words apart now: refile it.
      this.leave(cluster);
    }
    if (shape === undefined) return 'apart';
    if (current?.template !== undefined) {
      // Merged for good: a more general skeleton of a member becomes the family's text.
      if (current.keys.includes(shape.key) || this.byKey.has(shape.key)) return 'apart';
      current.keys.push(shape.key);
      this.byKey.set(shape.key, current);
      current.template.text = familyText(shape.key);
      return 'merged';
    }
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
    for (const member of family.members) this.adopt(survivor, member);
    return 'merged';
  }

  /** Takes `cluster` out of its family (evicted, or no longer of its skeleton). */
  leave(cluster: Cluster): void {
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
