/**
 * `culprit analyze --show-format`: what each log file's reader learns from its first lines, printed before the
 * analysis — the header layout of a text log (as `culprit mine --raw --show-format` prints it, with an example line
 * split into header and message) or the fields of a JSON Lines file's records. The layout is learnt here from the
 * same first lines, by the same `SourceFormat`, as the reader learns it (bin/input/text-log-reader.ts), so what is
 * shown is what the analysis uses; a layout the reader learns again later in a file (its lines changed layout) is
 * not shown.
 */
import { createReadStream } from 'node:fs';
import { SOURCE_FORMAT_DEFAULTS, SourceFormat } from '../../lambdas/core/log-format';
import {
  isJsonRecord,
  JsonSource,
  type JsonShape,
  type LogFieldMapping,
} from '../../lambdas/core/log-format/structured';
import { readLineBatches } from '../input/line-reader';
import { escapeText } from '../output';
import { detectFormat } from '../input/log-file-reader';
import { isBlank } from '../input/text-log-reader';
import { formatReport } from './mine-format';

/** The first `count` non-blank lines of `file` (fewer when it is shorter). */
async function firstLines(file: string, count: number): Promise<string[]> {
  const lines: string[] = [];
  const stream = createReadStream(file);
  try {
    for await (const batch of readLineBatches(stream)) {
      for (const text of batch.texts) if (!isBlank(text) && lines.length < count) lines.push(text);
      if (lines.length >= count) break;
    }
  } finally {
    stream.destroy();
  }
  return lines;
}

/** `fields: time "ts", level "lvl", message "msg"` (roles without a field are read by conventional names). */
function describeShape(shape: JsonShape): string {
  const roles = (['timestamp', 'level', 'message', 'service'] as const).map((role) => {
    const field = shape[role];
    return `${role} ${field === undefined ? '(conventional names per record)' : JSON.stringify(field)}`;
  });
  return `JSON records: ${roles.join(', ')}   (learnt from ${shape.sampleSize} records)\n`;
}

function parsedRecords(lines: readonly string[]): unknown[] {
  const records: unknown[] = [];
  for (const line of lines) {
    try {
      const value: unknown = JSON.parse(line);
      if (isJsonRecord(value)) records.push(value);
    } catch {
      // a line that is not JSON: the reader reports it as a problem
    }
  }
  return records;
}

/**
 * What the reader of `file` learns from its first lines, as --show-format prints it; each printed line has its
 * control characters escaped (file names and log lines are untrusted).
 */
export async function describeFileFormat(file: string, logFields?: LogFieldMapping): Promise<string> {
  const text = await describe(file, logFields);
  return `${text.trimEnd().split('\n').map(escapeText).join('\n')}\n`;
}

async function describe(file: string, logFields: LogFieldMapping | undefined): Promise<string> {
  const sample = await firstLines(file, SOURCE_FORMAT_DEFAULTS.sampleSize);
  const heading = `${file}:\n`;
  switch (detectFormat(file, sample[0])) {
    case 'json-document':
      return `${heading}a JSON document (CloudWatch export or array): each event's message is read as a line\n`;
    case 'json-lines': {
      const source = new JsonSource(logFields === undefined ? {} : { mapping: logFields });
      return heading + describeShape(source.learn(parsedRecords(sample)));
    }
    case 'text': {
      const format = new SourceFormat();
      format.prime(sample);
      return heading + formatReport(format, sample);
    }
  }
}
