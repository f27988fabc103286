import { MAX_REDACT_PATTERNS_JSON_BYTES, MAX_SERVICE_MAP_JSON_BYTES } from '../defaults/config-defaults';
import type { ConfigProblem } from './culprit-config-error';

/** Settings of the Kinesis transport; given with the Lambda transport they would silently do nothing. */
const KINESIS_SETTINGS = ['kinesisShardCount', 'kinesisBatchSize', 'kinesisMaxBatchingWindowSeconds'] as const;

type UnknownRecord = Record<string, unknown>;

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ownString(record: UnknownRecord, key: string): string | undefined {
  if (!Object.hasOwn(record, key)) return undefined;
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Rules relating settings to each other. They run on the raw input, next to the schema, so their
 * problems are reported together with field problems; pieces with the wrong type are skipped here
 * (the schema reports those).
 */
export function crossFieldProblems(raw: unknown): ConfigProblem[] {
  if (!isRecord(raw)) return [];
  const problems: ConfigProblem[] = [];
  const logGroups = Array.isArray(raw.logGroups) ? (raw.logGroups as unknown[]) : [];
  const services = isRecord(raw.services) ? raw.services : {};

  if (logGroups.length > 0 && typeof raw.logGroupPrefix === 'string') {
    problems.push({
      path: 'logGroupPrefix',
      message:
        'give either logGroups or logGroupPrefix, not both: the prefix subscribes every log group through an account-level policy, so listed groups would be delivered twice',
    });
  }

  const merged: Record<string, unknown> = { ...services };
  const seen = new Map<string, number>();
  logGroups.forEach((entry, index) => {
    const name = typeof entry === 'string' ? entry : isRecord(entry) ? ownString(entry, 'name') : undefined;
    if (name === undefined) return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    else problems.push({ path: `logGroups[${index}]`, message: `${name} is already listed at logGroups[${first}]` });
    const service = isRecord(entry) ? ownString(entry, 'service') : undefined;
    if (service === undefined) return;
    const mapped = ownString(services, name);
    if (mapped !== undefined && mapped !== service) {
      problems.push({
        path: `logGroups[${index}].service`,
        message: `says ${service} but services["${name}"] says ${mapped}`,
      });
    }
    merged[name] = service;
  });

  if (raw.ingestTransport !== 'kinesis') {
    for (const key of KINESIS_SETTINGS) {
      if (raw[key] === undefined) continue;
      problems.push({
        path: key,
        message: 'applies only to the Kinesis transport: set ingestTransport to "kinesis" or remove it',
      });
    }
  }

  if (typeof raw.slackChannel === 'string' && typeof raw.slackSecretName !== 'string') {
    problems.push({
      path: 'slackChannel',
      message: 'needs slackSecretName: the channel is used with the bot token that secret holds',
    });
  }

  if (Array.isArray(raw.redactPatterns)) {
    const patternBytes = Buffer.byteLength(JSON.stringify(raw.redactPatterns), 'utf8');
    if (patternBytes > MAX_REDACT_PATTERNS_JSON_BYTES) {
      problems.push({
        path: 'redactPatterns',
        message: `are ${patternBytes} bytes as JSON; they travel in the rank function's environment (4 KB for all variables), so keep them under ${MAX_REDACT_PATTERNS_JSON_BYTES} bytes`,
      });
    }
  }

  const mapBytes = Buffer.byteLength(JSON.stringify(merged), 'utf8');
  if (mapBytes > MAX_SERVICE_MAP_JSON_BYTES) {
    problems.push({
      path: 'services',
      message: `with the services named in logGroups, is ${mapBytes} bytes as JSON; it travels in a Lambda environment variable (4 KB for all of them), so keep it under ${MAX_SERVICE_MAP_JSON_BYTES} bytes`,
    });
  }
  return problems;
}
