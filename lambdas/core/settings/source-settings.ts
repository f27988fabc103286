/** Settings saying which logs Culprit reads and how it reads them. */
import { z } from 'zod';
import { defineSetting } from './setting';
import { jsonFieldName, logGroupName, serviceName } from './value-schemas';

export const SOURCE_SETTINGS = {
  logGroups: defineSetting({
    schema: z
      .array(z.union([logGroupName, z.strictObject({ name: logGroupName, service: serviceName.optional() })]))
      .default([]),
    doc: 'Log groups to read, by name or as { name, service }.',
    details:
      'The stack subscribes them to ingest; `culprit analyze` reads them over --since/--until when no --logs are given. A group without a service is mapped by `services`, else it is its own service.',
    where: ['stack', 'file'],
  }),
  logGroupPrefix: defineSetting({
    schema: logGroupName.optional(),
    doc: 'Subscribe every log group whose name starts with this (exclusive with logGroups).',
    details:
      'Through an account-level subscription policy; ingest drops events of other groups. Exclusive with `logGroups`.',
    absent: 'only `logGroups` are subscribed',
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_LOG_GROUP_PREFIX', functions: ['ingest'] },
  }),
  services: defineSetting({
    schema: z.record(z.string().min(1, 'a resource name cannot be empty'), serviceName).default({}),
    doc: 'Resource name → service name; a resource missing here is its own service.',
    details:
      "Resources: log group, ECS service (`cluster/service` or `service`), CodeDeploy `application/deploymentGroup` or application, CloudFormation stack, Lambda function (`name:alias` or `name`). In the functions' environment it travels merged with the services named in `logGroups`.",
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_SERVICE_MAP', functions: ['ingest', 'rank', 'deploys'], key: 'serviceMap' },
  }),
  filterPattern: defineSetting({
    schema: z.string().max(1024, 'a filter pattern has at most 1024 characters').default(''),
    doc: 'CloudWatch Logs filter pattern deciding which log events reach ingest ("" is every event).',
    where: ['stack', 'file'],
  }),
  logFields: defineSetting({
    schema: z
      .strictObject({
        timestamp: jsonFieldName.optional(),
        message: jsonFieldName,
        level: jsonFieldName.optional(),
        service: jsonFieldName.optional(),
      })
      .optional(),
    doc: 'Field names of structured (JSON) log events: { message, timestamp?, level?, service? }.',
    details:
      'An explicit mapping for logs whose fields are neither the usual ones nor clear from the values; dotted names reach into nested objects (`log.level`). Read by `culprit analyze` (JSON Lines, JSON arrays, JSON messages of CloudWatch exports) and the ingest Lambda (JSON messages). See docs/input-formats.md.',
    absent: "each source's fields are learnt from its first records, the usual names first",
    where: ['stack', 'file', 'env'],
    env: { variable: 'CULPRIT_LOG_FIELDS', functions: ['ingest'] },
  }),
} as const;
