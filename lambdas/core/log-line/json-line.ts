import { compileJsonExtractor, type JsonExtractor } from '../log-format/structured/extractor';
import type { ParsedLogLine } from './types';

/**
 * Structured (JSON) log lines read one at a time, with nothing learnt about their source: each role is read from
 * the conventional field names (lambdas/core/log-format/structured/conventions.ts). A source's own shape is
 * learnt where its records come in batches (the CLI's readers, the ingest Lambda).
 */
const readConventional = compileJsonExtractor({ evidence: {}, fieldsSeen: [], sampleSize: 0 });

function asValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON after all: the caller parses it as text
  }
}

/**
 * Parses a line that looks like a JSON object. Returns undefined when it is not one (the caller then treats it as
 * text). `extract` reads the record (a source's learnt shape; by default the conventional names). The message is `message`/`msg`/`log`/… (a `log` string is parsed once more as a text line, since Docker and
 * Fluent Bit wrap whole text lines in it); without any, the whole trimmed line is the message.
 */
export function parseJsonLine(
  trimmed: string,
  parseInner: (text: string) => ParsedLogLine,
  extract: JsonExtractor = readConventional,
): ParsedLogLine | undefined {
  const fields = extract(asValue(trimmed));
  if (fields === undefined) return undefined;
  const inner = fields.messageField === 'log' && fields.message !== undefined ? parseInner(fields.message) : undefined;
  const level = fields.level ?? inner?.level;
  const millis = fields.timestamp ?? inner?.timestamp;
  const component = fields.component ?? inner?.component;
  const result: { -readonly [K in keyof ParsedLogLine]: ParsedLogLine[K] } = {
    message: inner?.message ?? (fields.message === undefined ? trimmed : fields.message.trim()),
    format: 'json',
  };
  if (level !== undefined) result.level = level;
  if (millis !== undefined) result.timestamp = millis;
  if (component !== undefined) result.component = component;
  return result;
}
