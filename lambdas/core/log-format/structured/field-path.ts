/** Field paths into parsed JSON records: `msg`, or dotted paths into nested objects (`log.level`). */

export type JsonRecord = Readonly<Record<string, unknown>>;

/** Leaves deeper than this are not looked at when a shape is learnt (records can nest without bound). */
const MAX_DEPTH = 4;

export function isJsonRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value at `path` in `record`: a key spelled with the dots itself wins (`{"log.level": …}`, as some
 * shippers flatten ECS), else each segment is one level down. Undefined when any step is missing.
 */
export function valueAt(record: JsonRecord, path: string): unknown {
  const flat = record[path];
  if (flat !== undefined || path.indexOf('.') < 0) return flat;
  let value: unknown = record;
  let from = 0;
  while (from <= path.length) {
    if (!isJsonRecord(value)) return undefined;
    const dot = path.indexOf('.', from);
    const end = dot < 0 ? path.length : dot;
    value = value[path.slice(from, end)];
    from = end + 1;
  }
  return value;
}

/**
 * {@link valueAt} for one path, compiled once: a plain key is one property read per record, a dotted path keeps
 * its flat-key-first rule with its segments split once. For the per-record readers.
 */
export function fieldReader(path: string): (record: JsonRecord) => unknown {
  if (path.indexOf('.') < 0) return (record) => record[path];
  const segments = path.split('.');
  return (record) => {
    const flat = record[path];
    if (flat !== undefined) return flat;
    let value: unknown = record;
    for (const segment of segments) {
      if (!isJsonRecord(value)) return undefined;
      value = value[segment];
    }
    return value;
  };
}

/**
 * Every leaf of `record` (a value that is not an object) with its dotted path, in key order; `visit` is called
 * once per leaf. Arrays are leaves.
 */
export function visitLeaves(record: JsonRecord, visit: (path: string, value: unknown) => void, prefix = '', depth = 0) {
  for (const key of Object.keys(record)) {
    const value = record[key];
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isJsonRecord(value) && depth < MAX_DEPTH) visitLeaves(value, visit, path, depth + 1);
    else visit(path, value);
  }
}
