/**
 * Value rules shared by several settings. Each rule's message says what is wrong in words a user can act on;
 * the path (file key, prop or flag) is added where the problem is reported.
 */
import { z } from 'zod';
import {
  DEPLOY_LINK_PLACEHOLDERS,
  type DeployLinkPlaceholder,
  isDeployLinkPlaceholder,
  placeholdersIn,
} from '../deploys/deploy-links';
import { userPatternSource } from '../patterns';

const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;

/** A CloudWatch Logs log group name. */
export const logGroupName = z
  .string()
  .min(1, 'a log group name cannot be empty')
  .max(512, 'a log group name has at most 512 characters')
  .regex(LOG_GROUP_NAME, 'a log group name may contain only letters, digits and . - _ / #');

export const serviceName = z.string().min(1, 'a service name cannot be empty');

/**
 * A user pattern: RE2 syntax, run in linear time (lambdas/core/patterns), so no pattern can hang the tool; one the
 * engine refuses is named with the reason when the settings are loaded.
 */
export const regexSource = userPatternSource;

/** A number within [min, max] (inclusive), with one message naming the range. */
export function between(min: number, max: number): z.ZodNumber {
  const message = `must be between ${min} and ${max}`;
  return z.number().min(min, message).max(max, message);
}

/** A whole number within [min, max] of `unit`. */
export function wholeBetween(min: number, max: number, unit: string, range = `must be ${min} to ${max} ${unit}`) {
  return z.number().int(`must be a whole number of ${unit}`).min(min, range).max(max, range);
}

/**
 * Retention periods CloudWatch Logs accepts, in days, without "never expire" (logs must age out). The CDK's
 * `RetentionDays` enum lists the same values (a test in test/lib keeps them equal); it cannot be imported here,
 * where the Lambdas' code lives.
 */
export const LOG_RETENTION_CHOICES: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * An http(s) URL template using only the deploy link placeholders (core/deploys/deploy-links.ts, the set the
 * report fills): holding `{required}`, or at least one placeholder when none is named (a fixed URL would send
 * every deploy to the same page).
 */
export function linkTemplate(required?: DeployLinkPlaceholder): z.ZodString {
  return z.string().superRefine((template, ctx) => {
    const used = placeholdersIn(template);
    const unknown = used.filter((name) => !isDeployLinkPlaceholder(name));
    const known = DEPLOY_LINK_PLACEHOLDERS.map((name) => `{${name}}`).join(', ');
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown placeholder(s) ${unknown.map((name) => `{${name}}`).join(', ')}; known: ${known}`,
      });
    }
    if (required !== undefined && !used.includes(required))
      ctx.addIssue({
        code: 'custom',
        message: `must contain {${required}}, e.g. https://github.com/ORG/REPO/…/{${required}}`,
      });
    if (required === undefined && used.length === 0)
      ctx.addIssue({ code: 'custom', message: `must contain at least one of ${known}` });
    let url: URL | undefined;
    try {
      url = new URL(template.replace(/\{[^{}]*\}/g, 'x'));
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:'))
      ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL with placeholders' });
  });
}

/** A field name of a structured (JSON) log event; dots reach into nested objects (`log.level`). */
export const jsonFieldName = z
  .string()
  .min(1, 'a field name cannot be empty')
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'a field name, or a dotted path such as log.level, without spaces');
