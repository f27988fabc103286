import { z } from 'zod';
import { timestampSchema } from '../schemas';

/** `source` of the custom events `culprit deploy record` (or any CI job) puts on the Culprit bus. */
export const CULPRIT_DEPLOY_SOURCE = 'culprit.deploy';
/** `detail-type` of those events. */
export const CULPRIT_DEPLOY_DETAIL_TYPE = 'Culprit Deploy';
/** Name of the bus the stack creates unless configured otherwise, and where the CLI sends by default. */
export const CULPRIT_DEFAULT_EVENT_BUS = 'culprit';

/**
 * `detail` of a custom deploy event: what a person or a CI job knows about a deploy. Extra fields are
 * rejected so that a typo (`commmit`) fails loudly instead of silently losing the commit.
 */
export const culpritDeployDetailSchema = z.strictObject({
  service: z.string().min(1),
  version: z.string().min(1),
  /** Stable id; a retried PutEvents with the same id stores one deploy. Defaults to the event id. */
  id: z.string().min(1).optional(),
  /** When the deploy took traffic. Defaults to the event's `time`. */
  timestamp: timestampSchema.optional(),
  commit: z.string().min(1).optional(),
  author: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
});

export type CulpritDeployDetail = z.input<typeof culpritDeployDetailSchema>;
