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
 * `events` with each JSON message replaced by the message its record names, and the level it names added. The
 * same array when no message is JSON (the common case costs one character check per event).
 */
export function readJsonMessages<T extends { readonly message: string }>(
  events: readonly T[],
  mapping?: LogFieldMapping,
): readonly (T & { readonly level?: LogLevel })[] {
  let records: (JsonRecord | undefined)[] | undefined;
  for (let index = 0; index < events.length; index++) {
    const record = jsonObjectIn((events[index] as T).message);
    if (record === undefined) continue;
    records ??= new Array<JsonRecord | undefined>(events.length);
    records[index] = record;
  }
  if (records === undefined) return events;
  const source = new JsonSource({ mapping });
  const sample: JsonRecord[] = [];
  for (const record of records) {
    if (record !== undefined) sample.push(record);
    if (sample.length >= source.sampleSize) break;
  }
  source.learn(sample);
  const found = records;
  return events.map((event, index) => {
    const record = found[index];
    if (record === undefined) return event;
    const fields = source.read(record);
    if (fields?.message === undefined) return event;
    return fields.level === undefined
      ? { ...event, message: fields.message }
      : { ...event, message: fields.message, level: fields.level };
  });
}
