/** Settings of what the stack keeps, and for how long. */
import { z } from 'zod';
import { defineSetting } from './setting';
import { LOG_RETENTION_CHOICES } from './value-schemas';

const days = (what: string) => z.number().positive(`${what} must be more than 0 days`);

export const STORAGE_SETTINGS = {
  templateCountsRetentionDays: defineSetting({
    schema: days('template counts retention').default(14),
    doc: 'Days template counts are kept (DynamoDB TTL).',
    unit: 'days',
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_TEMPLATE_COUNTS_TTL_DAYS', functions: ['ingest'], key: 'templateCountsTtlDays' },
  }),
  deploysRetentionDays: defineSetting({
    schema: days('deploys retention').default(90),
    doc: 'Days deploys are kept after they happened (DynamoDB TTL).',
    unit: 'days',
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_DEPLOYS_TTL_DAYS', functions: ['deploys'], key: 'deploysTtlDays' },
  }),
  incidentsRetentionDays: defineSetting({
    schema: days('incidents retention').default(90),
    doc: 'Days incidents are kept (DynamoDB TTL).',
    unit: 'days',
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_INCIDENTS_TTL_DAYS', functions: ['rank'], key: 'incidentsTtlDays' },
  }),
  logRetentionDays: defineSetting({
    schema: z
      .number()
      .refine(
        (value) => LOG_RETENTION_CHOICES.includes(value),
        `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_CHOICES.join(', ')}`,
      )
      .default(30),
    doc: "Retention of the functions' log groups, one of CloudWatch Logs' periods (never unlimited).",
    unit: 'days',
    where: ['stack', 'file'],
  }),
  removalPolicy: defineSetting({
    schema: z.enum(['retain', 'destroy']).default('retain'),
    doc: 'What happens to tables, queues and log groups when the stack is deleted.',
    where: ['stack', 'file'],
  }),
} as const;
