import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CulpritStack, type CulpritProps } from '../../lib';

export interface SynthOptions {
  /** CDK context, e.g. `{ culprit: {...} }` to configure through context instead of props. */
  readonly context?: Record<string, unknown>;
}

/**
 * A Culprit stack for template assertions: builtin CloudFormation validation off (≈ 3.6 s per
 * synth) and bundling skipped (no esbuild run); test/lib/culprit-nag.test.ts and
 * test/lib/bundle-size.test.ts cover those.
 */
export function synthCulprit(
  culprit?: CulpritProps,
  options: SynthOptions = {},
): { stack: CulpritStack; template: Template } {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:bundling-stacks': [], ...options.context },
  });
  const stack = new CulpritStack(app, 'Test', culprit === undefined ? {} : { culprit });
  return { stack, template: Template.fromStack(stack) };
}

/** Logical id of the single resource of `type` whose logical id contains `fragment`. */
export function logicalId(template: Template, type: string, fragment: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.includes(fragment));
  if (ids.length !== 1)
    throw new Error(`expected one ${type} with "${fragment}" in its id, found ${ids.join(', ') || 'none'}`);
  return ids[0] as string;
}
