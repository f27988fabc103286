import {
  combineVariantKey,
  mayDistinguishTemplates,
  NO_VARIANT_KEY,
  refreshDerived,
  templateText,
  variantKey,
  WILDCARD,
  type Cluster,
  type Template,
} from './cluster';
import { CONSTANT } from './mask-types';
import { MinedLine, paramsFromSpans, WILDCARD_SPAN } from './mined-line';
import { minerOptionsSchema, type MinerOptions, type MinerOptionsInput } from './config';
import { FamilyIndex } from './family-index';
import { PrefixTree } from './prefix-tree';
import { bestMatch } from './similarity';
import { restoreMiner, snapshotMiner } from './snapshot-codec';
import type { MinerSnapshot } from './snapshot';
import { templateIdFor } from './template-id';
import { hashText } from './token-hash';
import type { ScannedBatch } from './scanned-batch';
import { clipLine, TOKEN_FIELDS, TokenScanner } from './token-scanner';
import type { MatchResult, MineResult, TemplateChange, TemplateInfo, TemplateMerge } from './types';

const NO_MERGES: readonly TemplateMerge[] = Object.freeze([]);
const EMPTY_RESULT: MineResult = Object.freeze({
  templateId: '',
  template: '',
  params: Object.freeze([]),
  change: 'none',
  merged: NO_MERGES,
});
const NO_KEY_PARTS: readonly string[] = Object.freeze([]);
const NO_SPANS: readonly number[] = Object.freeze([]);

/**
 * Online Drain template miner with typed masking.
 *
 * `mine()` assigns each line to a template, creating or generalising templates as it goes;
 * `match()` only looks. When templates merge (a position turned out to be a variable), the
 * surviving template keeps the oldest id, the line's result lists the merge (`merged`), and
 * `resolve()` maps the others to it. State can be
 * saved with `toSnapshot()` and restored with `TemplateMiner.fromSnapshot()`.
 */
export class TemplateMiner {
  readonly options: MinerOptions;
  /** @internal the prefix tree, for the snapshot codec */
  readonly tree: PrefixTree;
  /** @internal cluster id → cluster, least recently used first */
  readonly clusters = new Map<string, Cluster>();
  /** @internal merged template id → the id it merged into */
  readonly aliases = new Map<string, string>();
  private readonly scanner: TokenScanner;
  private readonly usedIds = new Set<string>();
  // The options read for every line, as plain fields: cheaper than loads through the parsed options object.
  private readonly similarityThreshold: number;
  private readonly maxLineLength: number;
  private readonly wordVariants: number;
  private readonly maxClusters: number | undefined;
  private readonly lengthFamilies: boolean;
  /** The cluster, token count and change of the line `place` assigned last, for its result. */
  private placedCluster: Cluster | undefined;
  private placedCount = 0;
  private placedChange: TemplateChange = 'none';
  /** Ids of the templates merged away while mining the current line, for its result's `merged`. */
  private mergedIds: string[] | undefined;
  /** @internal clusters of one skeleton and different lengths (length-families.ts), for the snapshot codec */
  readonly families = new FamilyIndex((from, into) => this.recordMerge(from.id, into.id));

  constructor(options: MinerOptionsInput = {}) {
    this.options = minerOptionsSchema.parse(options);
    this.tree = new PrefixTree(this.options.depth, this.options.maxChildren);
    this.scanner = new TokenScanner(this.options.masking, this.options.extraDelimiters, this.options.maskPatterns);
    this.similarityThreshold = this.options.similarityThreshold;
    this.maxLineLength = this.options.maxLineLength;
    this.wordVariants = this.options.wordVariants;
    this.maxClusters = this.options.maxClusters;
    this.lengthFamilies = this.options.lengthFamilies;
  }

  /** Restores a miner saved by `toSnapshot()`; throws `SnapshotError` naming what is wrong. */
  static fromSnapshot(snapshot: unknown): TemplateMiner {
    return restoreMiner(snapshot, (options) => new TemplateMiner(options));
  }

  /** Assigns `line` to a template, creating or generalising one when needed. */
  mine(line: string): MineResult {
    return this.result(this.place(this.scanner.scan(this.clip(line))));
  }

  /**
   * Mines line `index` of `batch` as {@link mine} mines `line`: `batch` holds its tokens, scanned ahead (maybe on
   * another thread) by a {@link BatchScanner} with this miner's options, and `line` is the same line as given to
   * the scanner.
   */
  mineScanned(line: string, batch: ScannedBatch, index: number): MineResult {
    return this.result(this.place(this.loadScanned(line, batch, index)));
  }

  private result(template: Template | undefined): MineResult {
    if (template === undefined) return EMPTY_RESULT;
    const merged = this.mergedIds === undefined ? NO_MERGES : this.takeMerges();
    const spans = this.paramSpans(this.placedCluster!, this.placedCount);
    return new MinedLine(template.id, template.text, this.placedChange, this.scanner.line, spans, merged);
  }

  /**
   * Mines `line` as {@link mine} does and returns only the id of its template ('' for an empty line). For callers
   * that read the templates once the input is mined (the CLI's table and --jsonl): building each line's result,
   * with its parameters, was a tenth of the cost of a line.
   */
  assign(line: string): string {
    return this.idOf(this.place(this.scanner.scan(this.clip(line))));
  }

  /** {@link assign} for line `index` of a {@link ScannedBatch} (see {@link mineScanned}). */
  assignScanned(line: string, batch: ScannedBatch, index: number): string {
    return this.idOf(this.place(this.loadScanned(line, batch, index)));
  }

  private idOf(template: Template | undefined): string {
    this.mergedIds = undefined;
    return template === undefined ? '' : template.id;
  }

  /** Loads line `index` of `batch` into the scanner, as if it had scanned `line`; returns its token count. */
  private loadScanned(line: string, batch: ScannedBatch, index: number): number {
    const first = batch.lineStarts[index]!;
    return this.scanner.load(this.clip(line), batch.tokens, first * TOKEN_FIELDS, batch.lineStarts[index + 1]! - first);
  }

  /**
   * Assigns the line just scanned (`count` tokens) to a template, creating or generalising one when needed; records the line's cluster, token
   * count and change in the `placed…` fields for the caller. `undefined` for a line without tokens.
   */
  private place(count: number): Template | undefined {
    const scanner = this.scanner;
    if (count === 0) return undefined;
    this.placedCount = count;
    const leaf = this.tree.findLeaf(scanner, count);
    const match =
      leaf === undefined ? undefined : bestMatch(leaf, scanner.hashes, count, this.similarityThreshold, false);
    if (match === undefined) return this.create(count);
    const cluster = match.cluster;
    this.placedCluster = cluster;

    // Every non-wildcard position held the line's token: nothing can generalise but tracked words.
    const exact = match.similar === count - cluster.wildcards;
    const clusterChanged = this.generalise(cluster, count, exact);
    // Only a template that changed can now share a skeleton with clusters of other lengths.
    if (clusterChanged && this.lengthFamilies) this.families.file(cluster);
    const key = this.keyOf(cluster);
    let template = cluster.templates.get(key);
    let change: TemplateChange = 'none';
    if (template === undefined) {
      template = this.addTemplate(cluster, this.keyParts(cluster), 0);
      change = 'created';
    } else if (clusterChanged) {
      change = 'updated';
    }
    template.count++;
    this.touch(cluster);
    this.placedChange = change;
    return template;
  }

  /**
   * The template `line` fits, without creating or changing anything: every non-wildcard token
   * of the template equals the line's (masked) token.
   */
  match(line: string): MatchResult | undefined {
    const count = this.scanner.scan(this.clip(line));
    if (count === 0) return undefined;
    const leaf = this.tree.findLeaf(this.scanner, count);
    const cluster = leaf === undefined ? undefined : bestMatch(leaf, this.scanner.hashes, count, 1, true)?.cluster;
    if (cluster === undefined || !this.fits(cluster, count)) return undefined;
    const template = cluster.templates.get(this.keyOf(cluster));
    if (template === undefined) return undefined;
    return {
      templateId: template.id,
      template: template.text,
      params: paramsFromSpans(this.scanner.line, this.paramSpans(cluster, count)),
    };
  }

  /** The id a template now goes by: itself, or the template it was merged into. */
  resolve(templateId: string): string {
    let id = templateId;
    for (let next = this.aliases.get(id); next !== undefined; next = this.aliases.get(id)) id = next;
    return id;
  }

  /** Every live template, most frequent first. */
  templates(): TemplateInfo[] {
    const list: TemplateInfo[] = [];
    for (const template of this.liveTemplates())
      list.push({ templateId: template.id, template: template.text, count: template.count });
    return list.sort((a, b) => b.count - a.count || (a.templateId < b.templateId ? -1 : 1));
  }

  get templateCount(): number {
    return this.liveTemplates().size;
  }

  /** Every live template once: the clusters of a merged length family share one. */
  private liveTemplates(): Set<Template> {
    const live = new Set<Template>();
    for (const cluster of this.clusters.values()) for (const template of cluster.templates.values()) live.add(template);
    return live;
  }

  /** The whole state as plain JSON, versioned. */
  toSnapshot(): MinerSnapshot {
    return snapshotMiner(this);
  }

  /** @internal for the snapshot codec: an id is taken once it was ever issued. */
  reserveId(id: string): void {
    this.usedIds.add(id);
  }

  /** @internal for the snapshot codec */
  issuedIds(): string[] {
    return [...this.usedIds];
  }

  private clip(line: string): string {
    return clipLine(line, this.maxLineLength);
  }

  private create(count: number): Template {
    const scanner = this.scanner;
    const tokens: string[] = [];
    const hashes = new Float64Array(count);
    for (let position = 0; position < count; position++) {
      tokens.push(scanner.tokenAt(position));
      hashes[position] = scanner.hashes[position]!;
    }
    const leaf = this.tree.leafFor(scanner, count);
    const text = tokens.join(' ');
    const id = this.newId(text);
    const cluster: Cluster = {
      id,
      tokens,
      hashes,
      wildcards: 0,
      paramPositions: [],
      tracked: [],
      templates: new Map(),
      leaf,
      family: undefined,
    };
    refreshDerived(cluster);
    const template: Template = { id, keyParts: [], text, count: 1 };
    cluster.templates.set(NO_VARIANT_KEY, template);
    leaf.push(cluster);
    this.clusters.set(id, cluster);
    const outcome = this.lengthFamilies ? this.families.file(cluster) : 'apart';
    this.evictIfFull();
    this.placedCluster = cluster;
    if (outcome === 'apart') {
      this.placedChange = 'created';
      return template;
    }
    // A value of a new length: the line joins its family's template, which is not new.
    this.placedChange = outcome === 'merged' ? 'updated' : 'none';
    return cluster.templates.get(NO_VARIANT_KEY)!;
  }

  private addTemplate(cluster: Cluster, keyParts: string[], count: number): Template {
    const text = templateText(cluster, keyParts);
    const template: Template = { id: this.newId(text), keyParts, text, count };
    cluster.templates.set(variantKey(keyParts), template);
    return template;
  }

  /** Ids hash the text a template was created with; a deterministic suffix keeps them unique. */
  private newId(text: string): string {
    const base = templateIdFor(text);
    let id = base;
    for (let suffix = 2; this.usedIds.has(id); suffix++) id = `${base}-${suffix}`;
    this.usedIds.add(id);
    return id;
  }

  /**
   * Folds the line into the cluster: positions where they disagree become `<*>`, tracked
   * when both sides are words, and a tracked position that has taken too many words becomes a
   * plain variable, merging the templates it split. True when any template text changed.
   */
  private generalise(cluster: Cluster, count: number, exact: boolean): boolean {
    const coarse = cluster.tokens;
    const coarseHashes = cluster.hashes;
    const scanner = this.scanner;
    const hashes = scanner.hashes;
    let changed = false;
    for (let position = 0; !exact && position < count; position++) {
      const held = coarse[position]!;
      if (held === WILDCARD || coarseHashes[position] === hashes[position]) continue;
      coarse[position] = WILDCARD;
      coarseHashes[position] = Number.NaN;
      changed = true;
      const token = scanner.tokenAt(position);
      // A merged length family has one template for all its clusters: it cannot split by words.
      if (this.wordVariants > 0 && cluster.family?.template === undefined && mayDistinguishTemplates(held, token))
        this.track(cluster, position, held);
    }
    const limit = this.wordVariants;
    for (let index = cluster.tracked.length - 1; index >= 0; index--) {
      const tracked = cluster.tracked[index]!;
      const values = tracked.values;
      const hash = scanner.hashes[tracked.position]!;
      if (values.has(hash)) continue;
      if (values.size < limit) {
        values.add(hash);
      } else {
        this.untrack(cluster, index);
        changed = true;
      }
    }
    if (changed) {
      refreshDerived(cluster);
      // A family's shared template shows the family's skeleton, not this cluster's tokens.
      if (cluster.family?.template === undefined)
        for (const template of cluster.templates.values()) template.text = templateText(cluster, template.keyParts);
    }
    return changed;
  }

  /** Whether every non-wildcard token of the cluster is exactly the line's. */
  private fits(cluster: Cluster, count: number): boolean {
    const scanner = this.scanner;
    for (let position = 0; position < count; position++) {
      const held = cluster.tokens[position]!;
      if (held !== WILDCARD && cluster.hashes[position] !== scanner.hashes[position]) return false;
    }
    return true;
  }

  /** Starts splitting templates at `position`; every existing template held `held` there. */
  private track(cluster: Cluster, position: number, held: string): void {
    cluster.tracked.push({ position, values: new Set([hashText(held)]) });
    const templates = [...cluster.templates.values()];
    cluster.templates.clear();
    for (const template of templates) {
      template.keyParts = [...template.keyParts, held];
      cluster.templates.set(variantKey(template.keyParts), template);
    }
  }

  /** Makes tracked position `index` a variable: templates that differ only there merge into the oldest. */
  private untrack(cluster: Cluster, index: number): void {
    cluster.tracked.splice(index, 1);
    const templates = [...cluster.templates.values()];
    cluster.templates.clear();
    for (const template of templates) {
      template.keyParts = template.keyParts.filter((_, part) => part !== index);
      const key = variantKey(template.keyParts);
      const survivor = cluster.templates.get(key);
      if (survivor === undefined) {
        cluster.templates.set(key, template);
      } else {
        survivor.count += template.count;
        this.recordMerge(template.id, survivor.id);
      }
    }
  }

  /** The line's template key: its words' hashes at the tracked positions, combined. */
  private keyOf(cluster: Cluster): number {
    const tracked = cluster.tracked;
    const hashes = this.scanner.hashes;
    let key = NO_VARIANT_KEY;
    for (let index = 0; index < tracked.length; index++)
      key = combineVariantKey(key, hashes[tracked[index]!.position]!);
    return key;
  }

  private keyParts(cluster: Cluster): string[] {
    return cluster.tracked.length === 0
      ? [...NO_KEY_PARTS]
      : cluster.tracked.map((tracked) => this.scanner.tokenAt(tracked.position));
  }

  /** Where the line's variable parts are (masked tokens and the tokens at the template's wildcards), as `MinedLine` spans. */
  private paramSpans(cluster: Cluster, count: number): readonly number[] {
    const positions = cluster.paramPositions;
    if (positions.length === 0) return NO_SPANS;
    const scanner = this.scanner;
    const { kinds, starts, ends, valueStarts, valueEnds } = scanner;
    const coarse = cluster.tokens;
    const spans: number[] = [];
    for (let index = 0; index < positions.length; index++) {
      const position = positions[index]!;
      if (position >= count) break;
      if (coarse[position] === WILDCARD) {
        spans.push(WILDCARD_SPAN, starts[position]!, ends[position]!);
      } else {
        const kind = kinds[position]!;
        if (kind !== CONSTANT) spans.push(kind, valueStarts[position]!, valueEnds[position]!);
      }
    }
    return spans;
  }

  /** The merges of the line just mined, each to the id it resolves to once all of them are made. */
  private recordMerge(from: string, into: string): void {
    this.aliases.set(from, into);
    if (this.mergedIds === undefined) this.mergedIds = [from];
    else this.mergedIds.push(from);
  }

  private takeMerges(): readonly TemplateMerge[] {
    const ids = this.mergedIds ?? [];
    this.mergedIds = undefined;
    return ids.map((from) => ({ from, into: this.resolve(from) }));
  }

  private touch(cluster: Cluster): void {
    if (this.maxClusters === undefined) return;
    this.clusters.delete(cluster.id);
    this.clusters.set(cluster.id, cluster);
  }

  private evictIfFull(): void {
    const limit = this.maxClusters;
    if (limit === undefined || this.clusters.size <= limit) return;
    const [oldestId, oldest] = this.clusters.entries().next().value as [string, Cluster];
    this.clusters.delete(oldestId);
    oldest.leaf.splice(oldest.leaf.indexOf(oldest), 1);
    this.families.leave(oldest);
  }
}
