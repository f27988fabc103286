import { z } from 'zod';
import { userPatternProblem } from './user-pattern';

/**
 * A user pattern in a configuration: a string the linear-time engine compiles. The issue quotes the
 * pattern, so a message like `maskPatterns[0].pattern: "(?=x)" is not a regular expression …` says which one to fix.
 */
export const userPatternSource = z.string().superRefine((source, ctx) => {
  const problem = userPatternProblem(source);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(source)} ${problem}` });
});
