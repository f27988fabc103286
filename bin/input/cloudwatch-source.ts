/**
 * Reads log events straight from CloudWatch Logs (`culprit analyze --source cloudwatch`): FilterLogEvents on each
 * log group over [since, until], page by page (nextToken), retrying throttled calls with exponential backoff and
 * full jitter, and merging the groups into one stream in time order.
 *
 * FilterLogEvents does not promise time order across a group's streams (moto returns stream after stream), so
 * each group is read in time slices: every page of one slice is gathered and sorted, and slices follow each
 * other. Memory grows with one slice per group, not with the whole range; more slices cost more calls.
 */
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  type FilterLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { InvalidInputError } from '../../lambdas/core/errors';
import type { LeveledLogEvent } from '../../lambdas/core/analysis';
import { SourceFormat } from '../../lambdas/core/log-format';
import { JsonMessageSource, type LogFieldMapping } from '../../lambdas/core/log-format/structured';
import { mergeBatchesByTimestamp } from './merge-reader';

/** The one call this reader makes; a `CloudWatchLogsClient` is one. */
export interface FilterLogEventsClient {
  send(command: FilterLogEventsCommand): Promise<FilterLogEventsCommandOutput>;
}

export interface CloudWatchProgress {
  readonly logGroup: string;
  /** Events read from this group so far. */
  readonly events: number;
  /** Pages read from this group so far. */
  readonly pages: number;
  /** Throttled calls retried so far (all groups). */
  readonly retries: number;
}

export interface CloudWatchSourceOptions {
  readonly logGroups: readonly string[];
  /** Epoch ms, inclusive. */
  readonly since: number;
  /** Epoch ms, inclusive. */
  readonly until: number;
  /** A client to use (tests, custom credentials). @default a CloudWatchLogsClient for `endpoint`/`region` */
  readonly client?: FilterLogEventsClient;
  /** Endpoint of a new client (e.g. a local emulator). @default the SDK's (the region's endpoint) */
  readonly endpoint?: string;
  /** Region of a new client. @default the SDK's (AWS_REGION, profile) */
  readonly region?: string;
  /** Log group → service; unmapped groups are named after themselves. @default {} */
  readonly services?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /**
   * Fields of JSON messages (`logFields` in the config file); without it each group's JSON shape is learnt from its
   * first JSON messages. @default learnt per group
   */
  readonly logFields?: LogFieldMapping;
  /** CloudWatch filter pattern. @default "" (every event) */
  readonly filterPattern?: string;
  /** Events per page (1–10000). @default 10000 */
  readonly limit?: number;
  /** Length of the time slices read and sorted one at a time. @default 600000 (10 minutes) */
  readonly sliceMs?: number;
  readonly onProgress?: (progress: CloudWatchProgress) => void;
  /** @default CLOUDWATCH_DEFAULTS.retry */
  readonly retry?: Partial<RetryPolicy>;
  /** Waits between retries (replaceable in tests). @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RetryPolicy {
  /** Calls per page before giving up. */
  readonly maxAttempts: number;
  /** First backoff ceiling; doubles each attempt. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const CLOUDWATCH_DEFAULTS = {
  /** @default 10000 (the API's maximum) */
  limit: 10_000,
  /** @default 600000 */
  sliceMs: 600_000,
  /** @default { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 20000 } */
  retry: { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 20_000 } satisfies RetryPolicy,
} as const;

const THROTTLED = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded']);

/** Whether a failed call was throttled (and is worth retrying after a pause). */
export function isThrottled(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return (typeof e.name === 'string' && THROTTLED.has(e.name)) || e.$metadata?.httpStatusCode === 429;
}

/** "Full jitter" backoff: a random wait up to min(max, base · 2^attempt), so throttled clients spread out. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

function serviceOf(services: CloudWatchSourceOptions['services'], logGroup: string): string {
  if (services === undefined) return logGroup;
  const mapped =
    services instanceof Map ? services.get(logGroup) : (services as Readonly<Record<string, string>>)[logGroup];
  return mapped ?? logGroup;
}

/**
 * Log events of every group in time order. Throws `InvalidInputError` for an unusable range and rethrows the
 * SDK's error (with the group named) when a call fails for a reason other than throttling, or stays throttled.
 */
export async function* readCloudWatchEvents(
  options: CloudWatchSourceOptions,
): AsyncGenerator<LeveledLogEvent, void, undefined> {
  if (options.logGroups.length === 0) throw new InvalidInputError('CloudWatch source: no log groups to read');
  if (!(options.since <= options.until)) {
    throw new InvalidInputError(
      `CloudWatch source: --since (${new Date(options.since).toISOString()}) is after --until (${new Date(options.until).toISOString()})`,
    );
  }
  const limit = options.limit ?? CLOUDWATCH_DEFAULTS.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new InvalidInputError(`CloudWatch source: limit ${limit} is not a whole number in 1–10000`);
  const sliceMs = options.sliceMs ?? CLOUDWATCH_DEFAULTS.sliceMs;
  if (!(sliceMs >= 1000)) throw new InvalidInputError(`CloudWatch source: sliceMs ${sliceMs} must be at least 1000`);
  const policy: RetryPolicy = { ...CLOUDWATCH_DEFAULTS.retry, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const client: FilterLogEventsClient =
    options.client ??
    new CloudWatchLogsClient({
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      ...(options.region === undefined ? {} : { region: options.region }),
      // Throttling is retried here, with a longer patience than the SDK's 3 attempts.
      maxAttempts: 1,
    });
  let retries = 0;

  const call = async (
    logGroup: string,
    from: number,
    to: number,
    nextToken: string | undefined,
  ): Promise<FilterLogEventsCommandOutput> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await client.send(
          new FilterLogEventsCommand({
            logGroupName: logGroup,
            startTime: from,
            endTime: to,
            limit,
            ...(options.filterPattern === undefined || options.filterPattern === ''
              ? {}
              : { filterPattern: options.filterPattern }),
            ...(nextToken === undefined ? {} : { nextToken }),
          }),
        );
      } catch (error) {
        if (!isThrottled(error) || attempt + 1 >= policy.maxAttempts) {
          const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          const tries = isThrottled(error) ? ` (still throttled after ${policy.maxAttempts} attempts)` : '';
          throw new InvalidInputError(`CloudWatch source: cannot read log group ${logGroup}${tries}: ${reason}`, {
            cause: error,
          });
        }
        retries += 1;
        await sleep(backoffDelay(attempt, policy));
      }
    }
  };

  /** One sorted batch per time slice of the group. */
  async function* slices(logGroup: string): AsyncGenerator<readonly LeveledLogEvent[], void, undefined> {
    const service = serviceOf(options.services, logGroup);
    // A group's JSON messages (pino, ECS, Powertools …) name their message and level: the shape is learnt once per
    // group, as a file's records are, and kept across slices.
    const messages = new JsonMessageSource(options.logFields);
    // Its text messages' header layout (`svc | LEVEL | pid 7 | …`) is learnt per group too, as the ingest Lambda
    // learns it per log group, so both read a group's lines alike.
    const format = new SourceFormat();
    let events = 0;
    let pages = 0;
    for (let from = options.since; from <= options.until; from += sliceMs) {
      // Slices share no millisecond: the API's end time is inclusive.
      const to = Math.min(from + sliceMs - 1, options.until);
      const batch: LeveledLogEvent[] = [];
      let token: string | undefined;
      do {
        const page = await call(logGroup, from, to, token);
        pages += 1;
        for (const e of page.events ?? []) {
          if (typeof e.timestamp !== 'number' || typeof e.message !== 'string') continue;
          batch.push({ timestamp: e.timestamp, service, message: e.message.replace(/\r?\n$/, '') });
        }
        events += page.events?.length ?? 0;
        options.onProgress?.({ logGroup, events, pages, retries });
        // The API can repeat the token it was given when nothing is left; stop rather than loop.
        token = page.nextToken === token ? undefined : page.nextToken;
      } while (token !== undefined);
      // Stable sort: events of one stream with the same time keep their order.
      batch.sort((a, b) => a.timestamp - b.timestamp);
      if (batch.length > 0) yield withLearntHeaders(format, batch, messages.read(batch));
    }
  }

  for await (const batch of mergeBatchesByTimestamp(options.logGroups.map((group) => slices(group)))) {
    yield* batch;
  }
}

/**
 * `read` (the slice after JSON reading) with each text message's header length and level from the group's learnt
 * layout. Messages JSON reading replaced keep what their record named; lines no layout fits are left to the rules.
 */
function withLearntHeaders(
  format: SourceFormat,
  raw: readonly LeveledLogEvent[],
  read: readonly LeveledLogEvent[],
): readonly LeveledLogEvent[] {
  const texts: string[] = [];
  for (let i = 0; i < read.length; i++) if (read[i] === raw[i]) texts.push((read[i] as LeveledLogEvent).message);
  if (texts.length === 0) return read;
  format.prime(texts);
  return read.map((event, i) => {
    if (event !== raw[i]) return event;
    const split = format.split(event.message);
    if (split === undefined) return event;
    const headerLength = split.messageStart;
    return split.level === undefined ? { ...event, headerLength } : { ...event, level: split.level, headerLength };
  });
}
