export { LINE_READER_DEFAULTS, readLines, type LineReaderOptions, type ReadLine } from './line-reader';
