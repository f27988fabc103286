/**
 * JSON Lines logs: one object per line, `{"timestamp": ISO-8601 or epoch ms, "service": "...",
 * "message": "..."}`; `logGroup` is accepted in place of `service` (as CloudWatch exports write it),
 * other fields are ignored, and a record naming neither takes the file's name as its service.
 */
import { z } from 'zod';
import { timestampSchema, type LogEvent } from '../../lambdas/core/schemas';
import type { ReadLine } from './line-reader';
import type { ProblemSink } from './log-sources';
import { isBlank } from './text-log-reader';

/** One log record as JSON exports write it. */
export const jsonLogRecordSchema = z.object({
  timestamp: timestampSchema,
  service: z.string().min(1).optional(),
  logGroup: z.string().min(1).optional(),
  message: z.string(),
});

/** The zod issues of a record, as one short sentence. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'record'}: ${issue.message}`)
    .join('; ');
}

/** Turns a parsed JSON value into an event, or reports why it cannot be one. */
export function toLogEvent(value: unknown, fallbackService: string): { event: LogEvent } | { problem: string } {
  const parsed = jsonLogRecordSchema.safeParse(value);
  if (!parsed.success) return { problem: describeIssues(parsed.error) };
  const { timestamp, service, logGroup, message } = parsed.data;
  return { event: { timestamp, service: service ?? logGroup ?? fallbackService, message } };
}

/** Events of a JSON Lines file, in file order. */
export async function* readJsonLinesEvents(
  file: string,
  fallbackService: string,
  lines: AsyncIterable<ReadLine>,
  report: ProblemSink,
): AsyncGenerator<LogEvent, void, undefined> {
  for await (const line of lines) {
    const text = line.text;
    if (isBlank(text)) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = line.truncated ? 'the line is longer than the line cap and was cut' : (error as Error).message;
      report({ file, line: line.number, problem: `not valid JSON: ${reason}` });
      continue;
    }
    const result = toLogEvent(value, fallbackService);
    if ('problem' in result) report({ file, line: line.number, problem: result.problem });
    else yield result.event;
  }
}
