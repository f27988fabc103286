/**
 * Builds a large synthetic corpus from annotated loghub lines: each generated line is a source
 * line (picked at random) with every ground-truth variable redrawn, so the corpus has the
 * template mix of real logs while almost no two lines repeat (a cache of whole lines cannot
 * help a miner). Deterministic for a given seed.
 */
import { seededRandom } from './prng';
import { renderSourceLine, toSourceLine, type SourceInput, type SourceLine } from './source-line';

export interface CorpusOptions {
  /**
   * Lines to generate.
   * @default 2_000_000
   */
  readonly lines?: number;
  /**
   * Seed of the pseudo-random generator.
   * @default 20240601
   */
  readonly seed?: number;
  /**
   * `content`: messages only. `raw`: whole lines, the source line's header kept as logged.
   * @default 'content'
   */
  readonly form?: 'content' | 'raw';
}

export const CORPUS_DEFAULTS = { lines: 2_000_000, seed: 20240601, form: 'content' } as const;

/** A generated corpus and, for each line, the index of the source line it was drawn from. */
export interface Corpus {
  readonly lines: string[];
  readonly sourceIndex: Uint32Array;
}

export function generateCorpus(inputs: readonly SourceInput[], options: CorpusOptions = {}): Corpus {
  const count = options.lines ?? CORPUS_DEFAULTS.lines;
  const form = options.form ?? CORPUS_DEFAULTS.form;
  if (inputs.length === 0) throw new RangeError('generateCorpus: no source lines');
  if (form === 'raw' && inputs.some((input) => input.raw === undefined)) {
    throw new RangeError('generateCorpus: raw form needs every source line to carry its raw line');
  }
  const sources: SourceLine[] = inputs.map(toSourceLine);
  const random = seededRandom(options.seed ?? CORPUS_DEFAULTS.seed);
  const lines = new Array<string>(count);
  const sourceIndex = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const index = random.int(sources.length);
    sourceIndex[i] = index;
    lines[i] = renderSourceLine(sources[index] as SourceLine, random, form === 'raw');
  }
  return { lines, sourceIndex };
}
