/**
 * The written layout of one source's JSON records, learnt from one record's text: an exporter writes every record
 * with the same keys in the same order, without spaces (`{"timestamp":…,"logGroup":"…","logStream":"…",
 * "message":"…"}`). Compiled into one regular expression, it reads a record's text into the fields a reader needs
 * at a fraction of `JSON.parse`'s cost (no object of every field, no string of the fields nobody reads).
 *
 * It only ever gives what `JSON.parse` would give for the fields it returns: the expression is JSON's own
 * grammar for strings and numbers, so a text it matches is valid JSON with exactly those keys, a number is read
 * by `Number` (as JSON.parse reads it) and a string with escapes is decoded by `JSON.parse` itself. Any text it
 * does not match (another key order, spaces, a nested value, invalid JSON) gives undefined: the caller parses it.
 */
import type { JsonRecord } from './field-path';

/**
 * A JSON string's contents, escapes included (RFC 8259: no raw quote, backslash or control character), written
 * as runs of plain characters between escapes so that the engine does not try an alternative per character.
 */
const PLAIN_RUN = String.raw`[^"\\\u0000-\u001f]*`;
const STRING_BODY = String.raw`${PLAIN_RUN}(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})${PLAIN_RUN})*`;
/** A JSON number (RFC 8259). */
const NUMBER = String.raw`-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?`;
/** Keys that a layout can spell in an expression as they are: no escapes, no characters special to it. */
const PLAIN_KEY = /^[\w@.$-]+$/;
/** Keys `JSON.parse` would order before the others (array indexes), or that an assignment would not store. */
const UNORDERED_KEY = /^(?:0|[1-9]\d*)$/;

type ValueKind = 'string' | 'number';

export interface RecordLayoutReader {
  /** The keys of every record read: the wanted keys the layout has (none of them holds an object). */
  readonly keys: ReadonlySet<string>;
  /** Reads one record's text into the wanted fields, or undefined when the text is not of the layout. */
  readonly read: (text: string) => JsonRecord | undefined;
}

const escapeForExpression = (key: string): string => key.replace(/[.$]/g, (char) => `\\${char}`);

/** Reads a captured string body: as it is without escapes, else through JSON.parse (the same decoding). */
const stringValue = (body: string): string => (body.indexOf('\\') < 0 ? body : (JSON.parse(`"${body}"`) as string));

/**
 * The reader of records written like `text` (whose parsed value is `value`), returning the fields named in
 * `wanted` only; undefined when `text` has a layout this cannot read (a nested or boolean value, spaces between
 * tokens, a key needing escapes), so the source is parsed record by record as before.
 */
export function compileRecordLayout(
  text: string,
  value: unknown,
  wanted: ReadonlySet<string>,
): RecordLayoutReader | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const read: { readonly key: string; readonly group: number; readonly kind: ValueKind }[] = [];
  let expression = String.raw`^\{`;
  for (const [index, key] of keys.entries()) {
    const field = (value as JsonRecord)[key];
    const kind = typeof field === 'string' ? 'string' : typeof field === 'number' ? 'number' : undefined;
    if (kind === undefined || !PLAIN_KEY.test(key) || UNORDERED_KEY.test(key) || key === '__proto__') return undefined;
    // Only the wanted values are captured; the others are checked and skipped.
    const wantedHere = wanted.has(key);
    if (wantedHere) read.push({ key, group: read.length + 1, kind });
    const pattern = kind === 'string' ? STRING_BODY : NUMBER;
    const body = wantedHere ? `(${pattern})` : `(?:${pattern})`;
    expression += `${index === 0 ? '' : ','}"${escapeForExpression(key)}":${kind === 'string' ? `"${body}"` : body}`;
  }
  const layout = new RegExp(`${expression}\\}$`);
  // The layout is the text's own only when the text itself is written that way (no spaces, this key order).
  if (!layout.test(text)) return undefined;
  return {
    keys: new Set(read.map(({ key }) => key)),
    read: (line) => {
      const match = layout.exec(line);
      if (match === null) return undefined;
      const record: Record<string, unknown> = {};
      for (const { key, group, kind } of read) {
        const captured = match[group] as string;
        record[key] = kind === 'string' ? stringValue(captured) : Number(captured);
      }
      return record;
    },
  };
}
