import { z } from 'zod';
import { InvalidInputError } from '../errors';
import { timestampSchema } from '../schemas';

/** Every verification default, declared once. */
export const VERIFY_DEFAULTS = {
  /** Minutes of logs read before the deploy and after it. Must cover the detector's learning period (10 min). @default 30 */
  windowMinutes: 30,
  /** Longest window accepted: a Lambda reads both sides within its timeout. @default 180 */
  maxWindowMinutes: 180,
  /** The deploy's confidence at or above which it is a suspect. @default 0.5 */
  suspectConfidence: 0.5,
} as const;

/** What to verify: one service's deploy, its log groups, how much log to read on each side. */
export const verifyInputSchema = z
  .object({
    service: z.string().min(1),
    /** ISO-8601 or epoch ms. */
    deployTime: timestampSchema,
    logGroup: z.string().min(1).optional(),
    logGroups: z.array(z.string().min(1)).min(1).optional(),
    windowMinutes: z.number().positive().max(VERIFY_DEFAULTS.maxWindowMinutes).default(VERIFY_DEFAULTS.windowMinutes),
    /** @default - `verify-<service>-<deployTime>` */
    deployId: z.string().min(1).optional(),
  })
  .refine((input) => input.logGroup !== undefined || input.logGroups !== undefined, {
    message: 'logGroup or logGroups is required',
    path: ['logGroups'],
  });

export type VerifyInputRaw = z.input<typeof verifyInputSchema>;

/** A parsed verification request. */
export interface VerifyRequest {
  readonly service: string;
  readonly deployId: string;
  /** Epoch ms. */
  readonly deployTime: number;
  readonly logGroups: string[];
  readonly windowMs: number;
}

/** Parses the verify Lambda's input; an `InvalidInputError` names every bad field. */
export function parseVerifyInput(value: unknown): VerifyRequest {
  const parsed = verifyInputSchema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidInputError(
      `verify input: ${parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      { cause: parsed.error },
    );
  }
  const input = parsed.data;
  return {
    service: input.service,
    deployId: input.deployId ?? `verify-${input.service}-${new Date(input.deployTime).toISOString()}`,
    deployTime: input.deployTime,
    logGroups: [...new Set([...(input.logGroup === undefined ? [] : [input.logGroup]), ...(input.logGroups ?? [])])],
    windowMs: input.windowMinutes * 60_000,
  };
}
