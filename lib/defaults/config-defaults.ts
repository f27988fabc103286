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
  /** CloudWatch Logs invokes ingest directly: nothing to pay while idle, one Lambda request per delivery. */
  ingestTransport: 'lambda',
  /** One shard takes 1 MB/s or 1,000 deliveries/s: about 25,000 lines/s of 200-byte lines at 80 % (deliveries are gzipped, ~30 bytes a line). */
  kinesisShardCount: 1,
  /** Deliveries per ingest invocation; at ~100 events per delivery, one request per ~50,000 lines. */
  kinesisBatchSize: 500,
  /** Adds at most this much to detection latency, which is counted in minutes anyway. */
  kinesisMaxBatchingWindowSeconds: 10,
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
