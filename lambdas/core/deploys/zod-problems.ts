import type { z } from 'zod';

/** One line per zod issue, `path: message`, the path written as `detail.status-details.status` or `(root)`. */
export function zodProblems(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    return `${path === '' ? '(root)' : path}: ${issue.message}`;
  });
}
