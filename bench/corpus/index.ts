export { seededRandom, type Random } from './prng';
export { compileValueShape, drawValue, redrawValue, type ValueShape } from './redraw-value';
export { renderSourceLine, toSourceLine, type SourceInput, type SourceLine } from './source-line';
export { CORPUS_DEFAULTS, generateCorpus, type Corpus, type CorpusOptions } from './generate';
export { loghubSources, type LoghubSource } from './loghub-sources';
