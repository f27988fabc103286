/**
 * Log events whose message is itself a JSON record (a program logging pino, ECS, Powertools … to CloudWatch): the
 * shape is learnt from the batch's first JSON messages, then each JSON message gives its event the message and
 * level it names; the event keeps its own time and service. Messages that are not JSON objects stay as they are,
 * and so does a JSON message without a message field (the whole record is then what is mined: nothing is lost).
 */
import type { LogLevel } from '../../log-line/types';
import { isJsonRecord, type JsonRecord } from './field-path';
import { JsonSource } from './json-source';
import type { LogFieldMapping } from './types';

const OPEN_BRACE = 123;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The JSON object a message holds, or undefined (most messages are text: a first-character check first). */
function jsonObjectIn(message: string): JsonRecord | undefined {
  let start = 0;
  while (isSpace(message.charCodeAt(start))) start++;
  if (message.charCodeAt(start) !== OPEN_BRACE) return undefined;
  try {
    const value: unknown = JSON.parse(message);
    return isJsonRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One source's JSON messages (a CloudWatch log group read over many pages and time slices): the shape is learnt
 * once, from the first batch that holds JSON messages, and every later batch is read with it, as a file's records
 * are; a batch with no JSON message costs one character check per event.
 */
export class JsonMessageSource {
  private readonly source: JsonSource;
  private learnt = false;

  constructor(mapping?: LogFieldMapping) {
    this.source = new JsonSource({ mapping });
  }

  /** `events` with each JSON message replaced by the message its record names, and the level it names added. */
  read<T extends { readonly message: string }>(events: readonly T[]): readonly (T & { readonly level?: LogLevel })[] {
    let records: (JsonRecord | undefined)[] | undefined;
    for (let index = 0; index < events.length; index++) {
      const record = jsonObjectIn((events[index] as T).message);
      if (record === undefined) continue;
      records ??= new Array<JsonRecord | undefined>(events.length);
      records[index] = record;
    }
    if (records === undefined) return events;
    if (!this.learnt) this.learn(records);
    const found = records;
    return events.map((event, index) => {
      const record = found[index];
      if (record === undefined) return event;
      const fields = this.source.read(record);
      if (fields?.message === undefined) return event;
      return fields.level === undefined
        ? { ...event, message: fields.message }
        : { ...event, message: fields.message, level: fields.level };
    });
  }

  private learn(records: readonly (JsonRecord | undefined)[]): void {
    const sample: JsonRecord[] = [];
    for (const record of records) {
      if (record !== undefined) sample.push(record);
      if (sample.length >= this.source.sampleSize) break;
    }
    this.source.learn(sample);
    this.learnt = true;
  }
}

/**
 * `events` with each JSON message replaced by the message its record names, and the level it names added, the
 * shape learnt from this batch alone. The same array when no message is JSON.
 */
export function readJsonMessages<T extends { readonly message: string }>(
  events: readonly T[],
  mapping?: LogFieldMapping,
): readonly (T & { readonly level?: LogLevel })[] {
  return new JsonMessageSource(mapping).read(events);
}
