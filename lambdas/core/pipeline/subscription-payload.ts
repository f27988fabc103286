import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { isGzip } from './compressed-json';
import { SubscriptionPayloadError, messageOf } from './errors';
import { describeZodIssues } from './zod-problems';

/** What CloudWatch Logs hands a subscribed Lambda: base64 of a gzipped JSON document. */
export const subscriptionEventSchema = z.object({ awslogs: z.object({ data: z.string() }) });

export const subscriptionLogEventSchema = z.object({
  /** Unique per event; empty in a control message. */
  id: z.string(),
  /** Epoch milliseconds the event was logged at. */
  timestamp: z.number().int().nonnegative(),
  message: z.string(),
});

/**
 * The decoded document. CloudWatch Logs sends a `CONTROL_MESSAGE` when it checks the destination is
 * reachable; only `DATA_MESSAGE`s carry log events.
 */
export const subscriptionPayloadSchema = z.object({
  messageType: z.enum(['DATA_MESSAGE', 'CONTROL_MESSAGE']),
  owner: z.string(),
  logGroup: z.string(),
  logStream: z.string(),
  subscriptionFilters: z.array(z.string()),
  logEvents: z.array(subscriptionLogEventSchema),
});

export type SubscriptionEvent = z.infer<typeof subscriptionEventSchema>;
export type SubscriptionLogEvent = z.infer<typeof subscriptionLogEventSchema>;
export type SubscriptionPayload = z.infer<typeof subscriptionPayloadSchema>;

/**
 * Most bytes a subscription payload may unzip to. CloudWatch Logs batches at most 1 MiB of log events per
 * payload; JSON escaping can at worst multiply that by six (`\u0000` for a control character). Anything
 * larger is not a CloudWatch Logs payload but a decompression bomb (gzip packs a run of zeros 1000:1, so
 * 256 KiB would unzip to 256 MiB), and decompression stops at this bound instead of taking the memory.
 * @default 8 MiB
 */
export const MAX_SUBSCRIPTION_PAYLOAD_BYTES = 8 * 1024 * 1024;

// Strict: Buffer.from(text, 'base64') skips characters it does not know, which would turn garbage into
// "not gzip" and hide the real problem.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes and validates a subscription event. Throws {@link SubscriptionPayloadError} naming the first
 * layer that is wrong: the event shape, base64, gzip, JSON or the payload schema.
 */
export function decodeSubscriptionEvent(event: unknown): SubscriptionPayload {
  const envelope = subscriptionEventSchema.safeParse(event);
  if (!envelope.success) {
    throw new SubscriptionPayloadError(
      `ingest event is not a CloudWatch Logs subscription event ({ awslogs: { data } }): ${describeZodIssues(envelope.error)}`,
      {
        cause: envelope.error,
      },
    );
  }
  return decodeSubscriptionData(envelope.data.awslogs.data, 'awslogs.data');
}

/**
 * Decodes base64 of a gzipped subscription payload, as CloudWatch Logs writes it to a Lambda event
 * (`awslogs.data`) or into a Kinesis record; `source` names it in errors.
 */
export function decodeSubscriptionData(
  data: string,
  source: string,
  maxOutputBytes = MAX_SUBSCRIPTION_PAYLOAD_BYTES,
): SubscriptionPayload {
  if (data.length === 0 || !BASE64.test(data)) {
    throw new SubscriptionPayloadError(
      `${source} is not base64 (${data.length} characters${data.length === 0 ? '' : `, starting ${JSON.stringify(data.slice(0, 16))}`})`,
    );
  }
  const compressed = Buffer.from(data, 'base64');
  if (!isGzip(compressed)) {
    throw new SubscriptionPayloadError(
      `${source} is base64 but not gzip (the ${compressed.length} decoded bytes lack the gzip header 1f 8b)`,
    );
  }
  let text: string;
  try {
    text = gunzipSync(compressed, { maxOutputLength: maxOutputBytes }).toString('utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new SubscriptionPayloadError(
        `${source} unzips to more than ${maxOutputBytes} bytes (${compressed.length} compressed): larger than any CloudWatch Logs payload, so not read`,
        { cause: error },
      );
    throw new SubscriptionPayloadError(`${source} is not valid gzip: ${messageOf(error)}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SubscriptionPayloadError(`${source} unzips to text that is not JSON: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const payload = subscriptionPayloadSchema.safeParse(json);
  if (!payload.success) {
    throw new SubscriptionPayloadError(
      `${source} is not a CloudWatch Logs subscription payload: ${describeZodIssues(payload.error)}`,
      { cause: payload.error },
    );
  }
  return payload.data;
}

/** The inverse of {@link decodeSubscriptionEvent}, as CloudWatch Logs builds it (tests and benchmarks). */
export function encodeSubscriptionEvent(payload: SubscriptionPayload): SubscriptionEvent {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}
