import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CulpritError } from '../core/errors';
import type { LogEvent } from '../core/schemas';

/** Reading a log group failed for good (after the throttling retries). */
export class LogReadError extends CulpritError {}

export interface LogReaderOptions {
  /** Most events read per log group; the rest of the window is left unread (and logged by the caller). @default 200000 */
  readonly maxEvents?: number;
  /** Retries of a throttled page. @default 6 */
  readonly maxThrottleRetries?: number;
  /** First wait after throttling; doubles each time. @default 250 */
  readonly baseDelayMs?: number;
  /** Events per FilterLogEvents page. @default - the service's (up to 10,000) */
  readonly pageSize?: number;
  /** @default setTimeout-based */
  readonly sleep?: (ms: number) => Promise<void>;
}

export const LOG_READER_DEFAULTS = { maxEvents: 200_000, maxThrottleRetries: 6, baseDelayMs: 250 } as const;

/** Error names CloudWatch Logs uses for "slow down" (FilterLogEvents allows a few calls per second per account). */
const THROTTLED = new Set([
  'ThrottlingException',
  'LimitExceededException',
  'TooManyRequestsException',
  'ServiceUnavailableException',
]);

export interface ReadOutcome {
  readonly events: LogEvent[];
  /** True when `maxEvents` stopped a group early. */
  readonly truncated: boolean;
}

/** The events of log groups over a time range, as one service's log, in time order. */
export async function readLogEvents(
  client: CloudWatchLogsClient,
  logGroups: readonly string[],
  service: string,
  range: { readonly from: number; readonly to: number },
  options: LogReaderOptions = {},
): Promise<ReadOutcome> {
  const o = { ...LOG_READER_DEFAULTS, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), ...options };
  const events: LogEvent[] = [];
  let truncated = false;
  for (const logGroupName of logGroups) {
    let nextToken: string | undefined;
    let read = 0;
    do {
      const page = await withThrottleRetries(
        () =>
          client.send(
            new FilterLogEventsCommand({
              logGroupName,
              startTime: range.from,
              endTime: range.to - 1,
              ...(options.pageSize === undefined ? {} : { limit: options.pageSize }),
              ...(nextToken === undefined ? {} : { nextToken }),
            }),
          ),
        logGroupName,
        o,
      );
      for (const e of page.events ?? []) {
        if (e.timestamp === undefined || e.message === undefined) continue;
        events.push({ timestamp: e.timestamp, service, message: e.message.replace(/\n$/, '') });
        read++;
      }
      nextToken = page.nextToken;
      if (read >= o.maxEvents && nextToken !== undefined) {
        truncated = true;
        break;
      }
    } while (nextToken !== undefined);
  }
  // Stable: lines of one group at the same millisecond keep their order.
  events.sort((a, b) => a.timestamp - b.timestamp);
  return { events, truncated };
}

async function withThrottleRetries<T>(
  call: () => Promise<T>,
  logGroupName: string,
  o: Required<Omit<LogReaderOptions, 'pageSize'>>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (!THROTTLED.has(name) || attempt >= o.maxThrottleRetries) {
        throw new LogReadError(
          `FilterLogEvents on ${logGroupName}: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      await o.sleep(o.baseDelayMs * 2 ** attempt);
    }
  }
}
