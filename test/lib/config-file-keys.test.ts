/**
 * One culprit.config.json serves the CLI and `cdk deploy -c culpritConfigFile=…`: the file's strict schema
 * (lambdas/core) must accept every setting the stack's schema (lib/config) knows, or a valid stack setting in
 * the file is rejected before the stack sees it.
 */
import type { z } from 'zod';
import { configFileSchema } from '../../lambdas/core/config';
import { culpritConfigSchema } from '../../lib/config';

describe('culprit.config.json and the stack configuration', () => {
  it('accepts in the file every setting the stack knows', () => {
    // Prepare: the stack schema is a strict object piped into a transform.
    const stackKeys = Object.keys((culpritConfigSchema.in as z.ZodObject).shape);

    // Act
    const unknownToFile = stackKeys.filter((key) => !(key in configFileSchema.shape));

    // Assess
    expect(stackKeys.length).toBeGreaterThan(20);
    expect(unknownToFile).toEqual([]);
  });
});
