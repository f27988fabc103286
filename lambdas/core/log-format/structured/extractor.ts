/**
 * A compiled per-record reader for one learnt shape: each role reads its learnt field, and falls back to the
 * conventional names (first usable one) when the shape has none for the role or a record lacks that field. No
 * zod: it runs per record; a record it cannot read goes to the caller's schema for the wording.
 */
import { CONVENTIONAL_FIELDS } from './conventions';
import { levelOf, nameOf, textOf, timeOf } from './field-values';
import type { FieldRole } from './conventions';
import { fieldReader, isJsonRecord, type JsonRecord } from './field-path';
import type { JsonShape, StructuredFields } from './types';

type Read<T> = (record: JsonRecord) => T | undefined;

/** Reads the first of `fields` whose value `convert` accepts. */
function firstOf<T>(fields: readonly string[], convert: (value: unknown) => T | undefined): Read<T> {
  const readers = fields.map(fieldReader);
  if (readers.length === 1) {
    const [only] = readers as [(record: JsonRecord) => unknown];
    return (record) => convert(only(record));
  }
  return (record) => {
    for (const read of readers) {
      const value = convert(read(record));
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

const NOTHING: Read<never> = () => undefined;

/** The learnt field first, then the conventional names (without repeating it). */
const candidates = (learnt: string | undefined, conventional: readonly string[]): readonly string[] =>
  learnt === undefined ? conventional : [learnt, ...conventional.filter((name) => name !== learnt)];

const finiteTime = (value: unknown): number | undefined => {
  const millis = timeOf(value);
  return Number.isNaN(millis) ? undefined : millis;
};

/** A Docker/Fluent Bit `log` field holds text; an ECS `log` is an object of metadata and never the message. */
const messageText = (value: unknown, field: string): string | undefined =>
  field === 'log' && typeof value !== 'string' ? undefined : textOf(value);

export interface ExtractorOptions {
  /** Fall back to the conventional names for a role the shape has no field for (or a record lacks). @default true */
  readonly conventions?: boolean;
  /** Only string messages count (else numbers and objects are written as text). @default false */
  readonly textMessages?: boolean;
  /**
   * The roles read besides the message and the time; the others are left out of every result (a reader that
   * never uses the level or the component saves looking for them under every conventional name, per record).
   * @default all of them
   */
  readonly roles?: readonly Exclude<FieldRole, 'message' | 'timestamp'>[];
  /**
   * The only top-level keys the records hold, none with an object value (records of a learnt written layout, see
   * record-layout.ts): the fields outside them, found in no record, are not looked for. The result is the same.
   * @default any keys
   */
  readonly presentKeys?: ReadonlySet<string>;
}

export type JsonExtractor = (value: unknown) => StructuredFields | undefined;

/**
 * The reader of records of `shape`. It returns undefined for a value that is not a JSON object, else the fields it
 * found (a record may lack any of them). With `conventions: false`, only the learnt fields are read (an explicit
 * mapping means exactly what it says).
 */
/** The fields the extractor of `shape` reads for each role, in the order it tries them (none for a role left out). */
function fieldsPerRole(shape: JsonShape, options: ExtractorOptions): Readonly<Record<FieldRole, readonly string[]>> {
  const withConventions = options.conventions ?? true;
  const roles = new Set<FieldRole>(['message', 'timestamp', ...(options.roles ?? ['level', 'service', 'component'])]);
  const fields = (role: FieldRole): readonly string[] => {
    if (!roles.has(role)) return [];
    const learnt = shape[role];
    return withConventions ? candidates(learnt, CONVENTIONAL_FIELDS[role]) : learnt === undefined ? [] : [learnt];
  };
  const present = options.presentKeys;
  if (present !== undefined) {
    // A dotted path reads its flat key, or objects that such records do not have.
    const held = (role: FieldRole): readonly string[] => fields(role).filter((path) => present.has(path));
    return {
      message: held('message'),
      timestamp: held('timestamp'),
      level: held('level'),
      service: held('service'),
      component: held('component'),
    };
  }
  return {
    message: fields('message'),
    timestamp: fields('timestamp'),
    level: fields('level'),
    service: fields('service'),
    component: fields('component'),
  };
}

/**
 * The top-level keys the extractor of `shape` may read in a record (a dotted path reads its flat key and its first
 * segment): a record holding only these keys, with the values of the full record, reads the same.
 */
export function extractorKeys(shape: JsonShape, options: ExtractorOptions = {}): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const paths of Object.values(fieldsPerRole(shape, options)))
    for (const path of paths) {
      keys.add(path);
      keys.add(path.split('.', 1)[0] as string);
    }
  return keys;
}

export function compileJsonExtractor(shape: JsonShape, options: ExtractorOptions = {}): JsonExtractor {
  const textOnly = options.textMessages ?? false;
  const fields = fieldsPerRole(shape, options);
  const messageFields = fields.message.map((field) => ({ field, read: fieldReader(field) }));
  const readTime = fields.timestamp.length > 0 ? firstOf(fields.timestamp, finiteTime) : NOTHING;
  const readLevel = fields.level.length > 0 ? firstOf(fields.level, levelOf) : NOTHING;
  const readService = fields.service.length > 0 ? firstOf(fields.service, nameOf) : NOTHING;
  const readComponent = fields.component.length > 0 ? firstOf(fields.component, nameOf) : NOTHING;
  return (value) => {
    if (!isJsonRecord(value)) return undefined;
    const result: { -readonly [K in keyof StructuredFields]: StructuredFields[K] } = {};
    for (const { field, read } of messageFields) {
      const raw = read(value);
      const text = textOnly ? (typeof raw === 'string' ? raw : undefined) : messageText(raw, field);
      if (text !== undefined) {
        result.message = text;
        result.messageField = field;
        break;
      }
    }
    const timestamp = readTime(value);
    if (timestamp !== undefined) result.timestamp = timestamp;
    const level = readLevel(value);
    if (level !== undefined) result.level = level;
    const service = readService(value);
    if (service !== undefined) result.service = service;
    const component = readComponent(value);
    if (component !== undefined) result.component = component;
    return result;
  };
}
