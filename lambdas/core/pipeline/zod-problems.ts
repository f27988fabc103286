import type { z } from 'zod';

/** `path: message` for every zod issue, `(root)` for the whole value. */
export function describeZodIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}
