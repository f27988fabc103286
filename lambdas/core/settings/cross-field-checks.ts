import { settingsEnvironment } from './env-codec';
import type { LambdaName } from './setting';
import type { SettingsProblem } from './settings-error';
import { MAX_REDACT_PATTERNS_JSON_BYTES, MAX_SERVICE_MAP_JSON_BYTES, MAX_SETTINGS_ENV_BYTES } from './limits';

/** Settings of the Kinesis transport; given with the Lambda transport they would silently do nothing. */
const KINESIS_SETTINGS = ['kinesisShardCount', 'kinesisBatchSize', 'kinesisMaxBatchingWindowSeconds'] as const;
const FUNCTIONS: readonly LambdaName[] = ['ingest', 'rank', 'deploys'];

type UnknownRecord = Record<string, unknown>;

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ownString(record: UnknownRecord, key: string): string | undefined {
  if (!Object.hasOwn(record, key)) return undefined;
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

const jsonBytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * `services` with the services named in `logGroups` entries (those win): the map the functions get. Entries of
 * the wrong type are skipped (the schema reports them).
 */
export function mergedServiceMap(raw: unknown): Record<string, string> {
  if (!isRecord(raw)) return {};
  const merged: Record<string, string> = {};
  if (isRecord(raw.services)) {
    for (const [name, service] of Object.entries(raw.services)) if (typeof service === 'string') merged[name] = service;
  }
  for (const entry of Array.isArray(raw.logGroups) ? (raw.logGroups as unknown[]) : []) {
    if (!isRecord(entry)) continue;
    const name = ownString(entry, 'name');
    const service = ownString(entry, 'service');
    if (name !== undefined && service !== undefined) merged[name] = service;
  }
  return merged;
}

/**
 * Rules relating settings to each other. They run on the raw input, next to the schema, so their problems are
 * reported together with field problems (zod skips refinements once a field has failed); pieces with the wrong
 * type are skipped here (the schema reports those).
 */
export function crossFieldProblems(raw: unknown): SettingsProblem[] {
  if (!isRecord(raw)) return [];
  const problems: SettingsProblem[] = [];
  const logGroups = Array.isArray(raw.logGroups) ? (raw.logGroups as unknown[]) : [];
  const services = isRecord(raw.services) ? raw.services : {};

  if (logGroups.length > 0 && typeof raw.logGroupPrefix === 'string') {
    problems.push({
      path: 'logGroupPrefix',
      message:
        'give either logGroups or logGroupPrefix, not both: the prefix subscribes every log group through an account-level policy, so listed groups would be delivered twice',
    });
  }

  const seen = new Map<string, number>();
  logGroups.forEach((entry, index) => {
    const name = typeof entry === 'string' ? entry : isRecord(entry) ? ownString(entry, 'name') : undefined;
    if (name === undefined) return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    else problems.push({ path: `logGroups[${index}]`, message: `${name} is already listed at logGroups[${first}]` });
    const service = isRecord(entry) ? ownString(entry, 'service') : undefined;
    const mapped = ownString(services, name);
    if (service !== undefined && mapped !== undefined && mapped !== service) {
      problems.push({
        path: `logGroups[${index}].service`,
        message: `says ${service} but services["${name}"] says ${mapped}`,
      });
    }
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

  if (isRecord(raw.dependsOn)) {
    for (const [service, callees] of Object.entries(raw.dependsOn)) {
      if (Array.isArray(callees) && callees.includes(service))
        problems.push({ path: `dependsOn[${JSON.stringify(service)}]`, message: `${service} cannot depend on itself` });
    }
  }

  if (Array.isArray(raw.redactPatterns)) {
    const patternBytes = jsonBytes(raw.redactPatterns);
    if (patternBytes > MAX_REDACT_PATTERNS_JSON_BYTES) {
      problems.push({
        path: 'redactPatterns',
        message: `are ${patternBytes} bytes as JSON; they travel in the rank function's environment (4 KB for all variables), so keep them under ${MAX_REDACT_PATTERNS_JSON_BYTES} bytes`,
      });
    }
  }

  const serviceMap = mergedServiceMap(raw);
  const mapBytes = jsonBytes(serviceMap);
  if (mapBytes > MAX_SERVICE_MAP_JSON_BYTES) {
    problems.push({
      path: 'services',
      message: `with the services named in logGroups, is ${mapBytes} bytes as JSON; it travels in a Lambda environment variable (4 KB for all of them), so keep it under ${MAX_SERVICE_MAP_JSON_BYTES} bytes`,
    });
    return problems;
  }

  for (const fn of FUNCTIONS) {
    const environment = settingsEnvironment(fn, { ...raw, services: serviceMap });
    const bytes = Object.entries(environment).reduce(
      (sum, [name, value]) => sum + jsonBytes(name) + jsonBytes(value),
      0,
    );
    if (bytes > MAX_SETTINGS_ENV_BYTES) {
      problems.push({
        path: '(root)',
        message: `the settings the ${fn} function gets take ${bytes} bytes of its environment (4 KB for all variables, with the resource names); keep them under ${MAX_SETTINGS_ENV_BYTES} bytes (services, dependsOn, redactPatterns and links are the large ones)`,
      });
    }
  }
  return problems;
}
