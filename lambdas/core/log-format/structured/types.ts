import type { LogLevel } from '../../log-line/types';

/** An explicit field mapping (the `logFields` setting): dotted paths reach into nested objects. */
export interface LogFieldMapping {
  readonly message: string;
  readonly timestamp?: string | undefined;
  readonly level?: string | undefined;
  readonly service?: string | undefined;
}

/**
 * The shape of one source's JSON records: which field plays which role. Plain JSON, so it can be shown
 * (`--show-format`) and kept in state. A role without a field is read from the conventional names per record.
 */
export interface JsonShape {
  readonly message?: string;
  readonly timestamp?: string;
  readonly level?: string;
  readonly service?: string;
  readonly component?: string;
  /** How each role was decided: the mapping, a conventional name, or the values seen. */
  readonly evidence: Readonly<Partial<Record<'message' | 'timestamp' | 'level' | 'service', ShapeEvidence>>>;
  /** The leaf fields seen in the sample, most frequent first (named in the message when a role is missing). */
  readonly fieldsSeen: readonly string[];
  /** Records the shape was learnt from. */
  readonly sampleSize: number;
}

export type ShapeEvidence = 'mapping' | 'convention' | 'values';

/** What the extractor read from one record. */
export interface StructuredFields {
  /** The message text; undefined when the record has no message field. */
  readonly message?: string;
  /** The field the message came from (`log` holds a whole text line in Docker's json-file format). */
  readonly messageField?: string;
  /** Epoch milliseconds; undefined when the record has no readable time. */
  readonly timestamp?: number;
  readonly level?: LogLevel;
  readonly service?: string;
  readonly component?: string;
}
