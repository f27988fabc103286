import { z } from 'zod';
import type { ServiceState } from './service-analysis';
import { compressJson, decompressJsonText } from './compressed-json';
import { PipelineStateError, messageOf } from './errors';
import { describeZodIssues } from './zod-problems';

/**
 * A DynamoDB item holds at most 400 KB (409,600 bytes). The state shares its item with the applied batch keys
 * (at most about 26 KB, see APPLIED_KEYS_KEPT) and a few small attributes; above this the write would be
 * rejected, so it is refused earlier with a message that says why.
 * @default 370000
 */
export const MAX_STATE_BYTES = 370_000;

// Only the envelope is checked here: the miner snapshot is validated by TemplateMiner.fromSnapshot, and
// the detector state is written by nothing but ingest itself.
const stateEnvelopeSchema = z.object({
  version: z.literal(1),
  detector: z.looseObject({ version: z.literal(1), services: z.array(z.unknown()), anomalies: z.array(z.unknown()) }),
  miners: z.record(z.string(), z.unknown()),
  skipped: z.number().int().nonnegative(),
  /** Header layouts per log group (absent in states written before they were learnt); each checked when restored. */
  formats: z.record(z.string(), z.unknown()).optional(),
});

/** Brotli-compressed JSON of an analyzer state (about a fifth of the JSON size; compressed-json.ts). */
export function encodeState(state: ServiceState, service: string, maxBytes = MAX_STATE_BYTES): Uint8Array {
  const bytes = compressJson(state);
  if (bytes.length > maxBytes) {
    throw new PipelineStateError(
      `state of service ${service} is ${bytes.length} bytes compressed, over the ${maxBytes}-byte limit of one DynamoDB item ` +
        `(${state.detector.services.reduce((n, s) => n + s.templates.length, 0)} templates); split the log group into several services or lower detect.historyBuckets`,
    );
  }
  return bytes;
}

/** Reads a state written by {@link encodeState}, or a gzipped one written before brotli. */
export function decodeState(bytes: Uint8Array, service: string): ServiceState {
  let json: unknown;
  try {
    json = JSON.parse(decompressJsonText(bytes));
  } catch (error) {
    throw new PipelineStateError(
      `stored state of service ${service} is neither gzip nor brotli JSON: ${messageOf(error)}`,
      { cause: error },
    );
  }
  const parsed = stateEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new PipelineStateError(
      `stored state of service ${service} is not an analyzer state: ${describeZodIssues(parsed.error)}`,
      { cause: parsed.error },
    );
  }
  // The envelope is checked; the inner detector state is ingest's own output.
  return json as ServiceState;
}
