import { CULPRIT_DEFAULT_EVENT_BUS } from '../../lambdas/core/deploys/culprit-deploy-event';
import { INGEST_BUFFER_DEFAULTS } from '../../lambdas/core/pipeline/flush-policy';

/**
 * Every configuration default, declared once. The zod schema (lib/config) applies them and the
 * `CulpritProps` TSDoc repeats them for readers; change a value here and in that TSDoc.
 */
export const CONFIG_DEFAULTS = {
  logGroups: [] as const,
  services: {},
  /** Empty pattern: every log event is delivered. */
  filterPattern: '',
  blameConfidence: 0.5,
  lookbackMinutes: 60,
  /** Declared with the ingest buffer (lambdas/core/pipeline/flush-policy.ts). */
  ingestFlushIntervalMs: INGEST_BUFFER_DEFAULTS.flushIntervalMs,
  templateCountsRetentionDays: 14,
  deploysRetentionDays: 90,
  incidentsRetentionDays: 90,
  logRetentionDays: 30,
  eventBusName: CULPRIT_DEFAULT_EVENT_BUS,
  trackLambdaDeploys: true,
  removalPolicy: 'retain',
  rankBatchSize: 10,
  rankMaxBatchingWindowSeconds: 30,
  rankMaxConcurrency: 5,
  /** No user patterns: only the built-in rules (AWS keys, bearer tokens, URL passwords, e-mail addresses). */
  redactPatterns: [] as const,
  /** Acting (a rollback, a page) needs more certainty than naming a suspect in a message. */
  triggerConfidence: 0.8,
  /** Post-deploy verification state machine deployed. */
  verification: true,
} as const;

/** The CDK context key bin/app.ts reads the configuration from (`cdk.json` or `-c culprit='{…}'`). */
export const CONFIG_CONTEXT_KEY = 'culprit';

/**
 * Lambda environments hold 4 KB in total; the service map travels as JSON in one variable and the other
 * variables (table names, queue URL, thresholds) need the rest.
 */
export const MAX_SERVICE_MAP_JSON_BYTES = 2500;

/** The redaction patterns travel as JSON in the rank function's environment too, next to the service map. */
export const MAX_REDACT_PATTERNS_JSON_BYTES = 500;
