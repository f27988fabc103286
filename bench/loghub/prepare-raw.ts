/**
 * What `raw` mode mines for a whole log line: the message the header parser leaves once the
 * header (time, level, thread, logger, ...) is stripped — what the ingest Lambda and
 * `culprit mine --raw` mine too.
 */
import { parseLogLine } from '../../lambdas/core/log-line';

export function prepareRaw(line: string): string {
  return parseLogLine(line).message;
}
