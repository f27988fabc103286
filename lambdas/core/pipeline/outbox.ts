import { z } from 'zod';
import { anomalyMessageSchema, type AnomalyMessage } from './anomaly-message';
import type { BucketCountsJson } from './bucket-counts';
import { compressJson, decompressJsonText } from './compressed-json';
import { PipelineStateError, messageOf } from './errors';
import { describeZodIssues } from './zod-problems';

/**
 * Everything a committed batch still has to deliver: its template counts and its anomaly messages. Ingest
 * stores it before committing the state, so a retry of a batch whose state was committed but whose
 * deliveries failed can finish them (counts are added once per batch; rank ignores repeated messages).
 */
export interface Outbox {
  readonly key: string;
  /** The state version the batch's commit created. */
  readonly version: number;
  readonly counts: BucketCountsJson;
  readonly messages: AnomalyMessage[];
}

const outboxSchema = z.object({
  key: z.string().min(1),
  version: z.number().int().positive(),
  counts: z.array(z.tuple([z.number(), z.array(z.tuple([z.string(), z.number().int().positive()]))])),
  messages: z.array(anomalyMessageSchema),
});

/** Brotli-compressed JSON of an outbox (see compressed-json.ts). */
export function encodeOutbox(outbox: Outbox): Uint8Array {
  return compressJson(outbox);
}

/** Reads an outbox written by {@link encodeOutbox}, or a gzipped one written before brotli. */
export function decodeOutbox(bytes: Uint8Array, service: string): Outbox {
  let json: unknown;
  try {
    json = JSON.parse(decompressJsonText(bytes));
  } catch (error) {
    throw new PipelineStateError(`outbox of service ${service} is neither gzip nor brotli JSON: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const parsed = outboxSchema.safeParse(json);
  if (!parsed.success)
    throw new PipelineStateError(`outbox of service ${service} is malformed: ${describeZodIssues(parsed.error)}`, {
      cause: parsed.error,
    });
  return parsed.data;
}
