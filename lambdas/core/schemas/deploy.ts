import { z } from 'zod';
import { timestampSchema } from './timestamp';

/**
 * One deploy, whatever reported it (CodeDeploy, ECS, CloudFormation, Lambda, CI, a file).
 * This is the record the ranker reasons about; every source is normalised into it.
 */
export const deploySchema = z.object({
  /** Unique per deploy; the same deploy reported twice keeps one id. */
  id: z.string().min(1),
  /** The service the deploy changed; matched against log services. */
  service: z.string().min(1),
  /** When the new version started taking traffic, epoch milliseconds. */
  timestamp: timestampSchema,
  version: z.string().optional(),
  commit: z.string().optional(),
  author: z.string().optional(),
  description: z.string().optional(),
  /** Where the record came from, e.g. `codedeploy`, `ecs`, `cloudformation`, `lambda`, `ci`, `file`. */
  source: z.string().optional(),
  /** A link a person can follow to the deploy (console, CI run). */
  url: z.string().optional(),
});

export type Deploy = z.infer<typeof deploySchema>;
