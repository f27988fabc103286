import { z } from 'zod';
import { timestampSchema } from './timestamp';

/** One log event as the analysis sees it: when, from which service, what it said. */
export const logEventSchema = z.object({
  timestamp: timestampSchema,
  service: z.string().min(1),
  message: z.string(),
});

export type LogEvent = z.infer<typeof logEventSchema>;
