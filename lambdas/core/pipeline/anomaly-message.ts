import { z } from 'zod';
import type { Anomaly } from '../analysis';
import { AnomalyMessageError, messageOf } from './errors';
import { describeZodIssues } from './zod-problems';

/** Longest template or sample line carried in a message; longer ones are cut (rank quotes 90 characters). @default 2000 */
export const MAX_MESSAGE_TEXT = 2000;

export const anomalySchema = z.object({
  id: z.string().min(1),
  service: z.string().min(1),
  kind: z.enum(['new', 'spike', 'drop', 'error-surge']),
  templateId: z.string().min(1),
  template: z.string(),
  error: z.boolean(),
  firstSeen: z.number().int(),
  lastSeen: z.number().int(),
  active: z.boolean(),
  countBefore: z.number().finite(),
  countAfter: z.number().finite(),
  expected: z.number().finite(),
  observed: z.number().finite(),
  buckets: z.number().finite(),
  surprise: z.number().finite(),
  score: z.number().finite().min(0).max(1),
  sample: z.string(),
});

/**
 * One anomaly as ingest sends it to rank. `revision` is the version of the service state that produced it:
 * it grows with every commit, so rank keeps the highest revision of each anomaly and ignores redeliveries
 * and late arrivals of older ones.
 */
export const anomalyMessageSchema = z.object({
  type: z.literal('culprit.anomaly'),
  version: z.literal(1),
  service: z.string().min(1),
  logGroup: z.string().min(1),
  revision: z.number().int().positive(),
  anomaly: anomalySchema,
});

export type AnomalyMessage = z.infer<typeof anomalyMessageSchema>;

// Compile-time guard: the schema and the detector's Anomaly describe the same record.
type SchemaDrift =
  | Exclude<keyof Anomaly, keyof z.infer<typeof anomalySchema>>
  | Exclude<keyof z.infer<typeof anomalySchema>, keyof Anomaly>;
const anomalyMatchesSchema: [SchemaDrift] extends [never] ? true : SchemaDrift = true;
void anomalyMatchesSchema;

function clip(text: string): string {
  return text.length > MAX_MESSAGE_TEXT ? `${text.slice(0, MAX_MESSAGE_TEXT - 1)}…` : text;
}

export function toAnomalyMessage(
  anomaly: Anomaly,
  context: { readonly logGroup: string; readonly revision: number },
): AnomalyMessage {
  return {
    type: 'culprit.anomaly',
    version: 1,
    service: anomaly.service,
    logGroup: context.logGroup,
    revision: context.revision,
    anomaly: { ...anomaly, template: clip(anomaly.template), sample: clip(anomaly.sample) },
  };
}

/** Parses a message body; throws {@link AnomalyMessageError} naming what is wrong. */
export function parseAnomalyMessage(body: string, source = 'anomaly message'): AnomalyMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new AnomalyMessageError(`${source} is not JSON: ${messageOf(error)}`, { cause: error });
  }
  const parsed = anomalyMessageSchema.safeParse(json);
  if (!parsed.success)
    throw new AnomalyMessageError(`${source} is not a Culprit anomaly message: ${describeZodIssues(parsed.error)}`, {
      cause: parsed.error,
    });
  return parsed.data;
}
