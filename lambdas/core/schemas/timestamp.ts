import { z } from 'zod';

/** Accepts epoch milliseconds or an ISO-8601 string; yields epoch milliseconds. */
export const timestampSchema = z.union([z.number().finite(), z.string().min(1)]).transform((value, ctx) => {
  const millis = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(millis)) {
    ctx.addIssue({
      code: 'custom',
      message: `not an ISO-8601 timestamp or epoch milliseconds: ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return millis;
});
