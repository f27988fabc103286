/**
 * What `aws logs filter-log-events` prints: one JSON document `{"events": [{"logStreamName",
 * "timestamp", "message", "ingestionTime", "eventId"}], "searchedLogStreams": [...], "nextToken"?}`.
 * It is parsed whole (the CLI itself holds it whole); a JSON array of log records is read the same
 * way. The service is the document's `logGroupName` if it has one, else the file's name.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InvalidInputError } from '../../lambdas/core/errors';
import type { LogEvent } from '../../lambdas/core/schemas';
import { readJsonMessages, type LogFieldMapping } from '../../lambdas/core/log-format/structured';
import { describeIssues } from './json-lines-reader';
import type { ProblemSink } from './log-sources';
import { StructuredEventReader } from './structured-events';

const BYTE_ORDER_MARK = 0xfeff;

const cloudWatchEventSchema = z.object({
  timestamp: z.number().finite(),
  message: z.string(),
  logStreamName: z.string().optional(),
});

const cloudWatchDocumentSchema = z.object({
  events: z.array(z.unknown()),
  logGroupName: z.string().min(1).optional(),
});

/** The 1-based line of a JSON.parse error's "position N", when the message has one. */
function errorLine(text: string, error: Error): number {
  const position = /position (\d+)/.exec(error.message);
  if (position === null) return 0;
  const offset = Number(position[1]);
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** A CloudWatch message usually ends with the newline the program printed; the event does not need it. */
const withoutFinalNewline = (message: string): string => message.replace(/\r?\n$/, '');

/** Events of a whole JSON document, sorted by time (its events may interleave log streams). */
export async function readJsonDocumentEvents(
  file: string,
  fallbackService: string,
  report: ProblemSink,
  logFields?: LogFieldMapping,
): Promise<LogEvent[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`cannot read log file ${file}: ${(error as Error).message}`, { cause: error });
  }
  // A byte order mark (Windows editors and PowerShell write one) is a property of the file, not of the JSON.
  if (text.charCodeAt(0) === BYTE_ORDER_MARK) text = text.slice(1);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    report({
      file,
      line: errorLine(text, error as Error),
      problem: `not a valid JSON document: ${(error as Error).message}`,
    });
    return [];
  }
  const events: LogEvent[] = [];
  if (Array.isArray(document)) {
    const records = new StructuredEventReader(file, fallbackService, report, logFields);
    document.forEach((value, index) => {
      records.push(value, index + 1, events);
    });
    records.finish(events);
  } else {
    const parsed = cloudWatchDocumentSchema.safeParse(document);
    if (!parsed.success) {
      report({ file, line: 0, problem: `not a CloudWatch Logs export (${describeIssues(parsed.error)})` });
      return [];
    }
    const service = parsed.data.logGroupName ?? fallbackService;
    const messages: LogEvent[] = [];
    parsed.data.events.forEach((value, index) => {
      const event = cloudWatchEventSchema.safeParse(value);
      if (!event.success)
        report({ file, line: index + 1, problem: `event ${index + 1}: ${describeIssues(event.error)}` });
      else
        messages.push({ timestamp: event.data.timestamp, service, message: withoutFinalNewline(event.data.message) });
    });
    // A JSON message gives its event the message and level it names (the shape learnt from the first ones).
    for (const event of readJsonMessages(messages, logFields)) events.push(event);
  }
  // Stable sort: events with equal timestamps keep document order.
  return events.sort((a, b) => a.timestamp - b.timestamp);
}
