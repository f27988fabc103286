import { z } from 'zod';

/**
 * The envelope EventBridge puts around every event (AWS service events and custom PutEvents alike).
 * Only the fields the normaliser reads are required; unknown fields are allowed because AWS adds them.
 */
export const eventEnvelopeSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  time: z.string().min(1),
  region: z.string().optional(),
  account: z.string().optional(),
  resources: z.array(z.string()).default([]),
  detail: z.unknown(),
});

export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;
