/**
 * The group each input line belongs to at the end of the input. Templates merge while a file is
 * mined (a position turns out to be a variable, a value turns out to span a varying number of
 * tokens), so the id a line got when it was mined may be gone by the end. This keeps one small
 * integer per line — the template it was mined into, not the line — and resolves the ids once
 * the whole input is read: 4 bytes a line, whatever the lines hold.
 */

/** One output record of `culprit mine --jsonl`. */
export interface LineGroupRecord {
  /** 1-based line number in the input. */
  readonly line: number;
  /** The id of the line's group at the end of the input; '' for an empty line. */
  readonly templateId: string;
  /** That group's final template; '' for an empty line. */
  readonly template: string;
}

/** What the groups are resolved against at the end: the miner, read only. */
export interface FinalTemplates {
  /** The id a template goes by now (itself, or the template it merged into). */
  resolve(templateId: string): string;
  templates(): readonly { readonly templateId: string; readonly template: string }[];
}

const INITIAL_LINES = 4096;
/** The ordinal of an empty line: no template. */
const NO_TEMPLATE = 0;

export class LineGroups {
  private ordinals = new Uint32Array(INITIAL_LINES);
  private length = 0;
  /** Template id → ordinal; ids are few (one per template ever created), lines are many. */
  private readonly ordinalOf = new Map<string, number>();
  private readonly ids: string[] = [''];

  /** Records the next line's template id as `mine()` returned it ('' for an empty line). */
  push(templateId: string): void {
    let ordinal = NO_TEMPLATE;
    if (templateId !== '') {
      ordinal = this.ordinalOf.get(templateId) ?? this.ids.length;
      if (ordinal === this.ids.length) {
        this.ids.push(templateId);
        this.ordinalOf.set(templateId, ordinal);
      }
    }
    if (this.length === this.ordinals.length) {
      const grown = new Uint32Array(this.ordinals.length * 2);
      grown.set(this.ordinals);
      this.ordinals = grown;
    }
    this.ordinals[this.length++] = ordinal;
  }

  /** Lines recorded so far. */
  get size(): number {
    return this.length;
  }

  /**
   * Every recorded line with its final group, in input order. The first line recorded is line 1:
   * callers push every line of the input, empty ones included.
   */
  *records(miner: FinalTemplates): Generator<LineGroupRecord> {
    const texts = new Map(miner.templates().map((info) => [info.templateId, info.template]));
    const finalIds = this.ids.map((id) => (id === '' ? '' : miner.resolve(id)));
    const finalTexts = finalIds.map((id) => {
      if (id === '') return '';
      const text = texts.get(id);
      // Only an evicted template could be missing; the CLI keeps every one, so this is a bug to report.
      if (text === undefined) throw new Error(`line groups: template ${id} is not among the miner's templates`);
      return text;
    });
    for (let index = 0; index < this.length; index++) {
      const ordinal = this.ordinals[index]!;
      yield { line: index + 1, templateId: finalIds[ordinal]!, template: finalTexts[ordinal]! };
    }
  }
}
