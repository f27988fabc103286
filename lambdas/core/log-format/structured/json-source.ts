/**
 * One source's JSON records (a file, a log group's delivery): the shape is learnt once from the first records,
 * then each record is read with the compiled extractor.
 */
import { compileJsonExtractor, extractorKeys, type ExtractorOptions, type JsonExtractor } from './extractor';
import { learnJsonShape } from './learn-shape';
import type { JsonShape, LogFieldMapping, StructuredFields } from './types';

export interface JsonSourceOptions {
  /** An explicit field mapping (the `logFields` setting); it wins over what the records show. @default none */
  readonly mapping?: LogFieldMapping | undefined;
  /** Records the shape is learnt from. @default 20 */
  readonly sampleSize?: number;
  /** Only string messages count (a reader that wants what its schema wants). @default false */
  readonly textMessages?: boolean;
  /** The roles read besides the message and the time. @default all of them */
  readonly roles?: ExtractorOptions['roles'];
}

export const JSON_SOURCE_DEFAULTS = { sampleSize: 20 } as const;

export class JsonSource {
  readonly sampleSize: number;
  private readonly mapping: LogFieldMapping | undefined;
  private readonly textMessages: boolean;
  private readonly roles: ExtractorOptions['roles'];
  private learnt: JsonShape | undefined;
  private extract: JsonExtractor | undefined;

  constructor(options: JsonSourceOptions = {}) {
    this.mapping = options.mapping;
    this.textMessages = options.textMessages ?? false;
    this.roles = options.roles;
    this.sampleSize = options.sampleSize ?? JSON_SOURCE_DEFAULTS.sampleSize;
  }

  /** The shape learnt, once {@link JsonSource.learn} (or the first {@link JsonSource.read}) ran. */
  get shape(): JsonShape | undefined {
    return this.learnt;
  }

  /** Learns the shape from the source's first records (at most `sampleSize` of them are looked at). */
  learn(sample: readonly unknown[]): JsonShape {
    const shape = learnJsonShape(sample.slice(0, this.sampleSize), this.mapping);
    this.learnt = shape;
    this.extract = compileJsonExtractor(shape, this.extractorOptions());
    return shape;
  }

  /**
   * The top-level keys {@link JsonSource.read} looks at, once the shape is learnt: a record cut down to them reads
   * the same (see record-layout.ts).
   */
  keysRead(): ReadonlySet<string> | undefined {
    return this.learnt === undefined ? undefined : extractorKeys(this.learnt, this.extractorOptions());
  }

  /**
   * The reader of records that hold only `presentKeys`, none with an object value (a learnt written layout's), once
   * the shape is learnt: it reads them as {@link JsonSource.read} does, without looking for the other fields.
   */
  readerFor(presentKeys: ReadonlySet<string>): JsonExtractor | undefined {
    if (this.learnt === undefined) return undefined;
    return compileJsonExtractor(this.learnt, { ...this.extractorOptions(), presentKeys });
  }

  private extractorOptions(): ExtractorOptions {
    return { textMessages: this.textMessages, ...(this.roles === undefined ? {} : { roles: this.roles }) };
  }

  /** The fields of one record (learning from it alone when nothing was learnt); undefined for a non-object. */
  read(value: unknown): StructuredFields | undefined {
    if (this.extract === undefined) this.learn([value]);
    return (this.extract as JsonExtractor)(value);
  }
}
