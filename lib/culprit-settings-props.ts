// Generated from lambdas/core/settings by `npm run settings:generate`; edit the settings there, not here.

/**
 * The settings of the pipeline, as construct props. Every value is validated at synth time (all problems reported
 * in one error) whether it comes from here, from CDK context or from culprit.config.json (docs/settings.md).
 */
export interface CulpritSettingsProps {
  /**
   * Log groups to read, by name or as { name, service }.
   *
   * The stack subscribes them to ingest; `culprit analyze` reads them over --since/--until when no --logs are
   * given. A group without a service is mapped by `services`, else it is its own service.
   * @default []
   */
  readonly logGroups?: readonly (string | { readonly name: string; readonly service?: string })[];
  /**
   * Subscribe every log group whose name starts with this (exclusive with logGroups).
   *
   * Through an account-level subscription policy; ingest drops events of other groups. Exclusive with `logGroups`.
   * @default - only `logGroups` are subscribed
   */
  readonly logGroupPrefix?: string;
  /**
   * Resource name → service name; a resource missing here is its own service.
   *
   * Resources: log group, ECS service (`cluster/service` or `service`), CodeDeploy `application/deploymentGroup`
   * or application, CloudFormation stack, Lambda function (`name:alias` or `name`). In the functions' environment
   * it travels merged with the services named in `logGroups`.
   * @default {}
   */
  readonly services?: Readonly<Record<string, string>>;
  /**
   * CloudWatch Logs filter pattern deciding which log events reach ingest ("" is every event).
   * @default ""
   */
  readonly filterPattern?: string;
  /**
   * Field names of structured (JSON) log events: { message, timestamp?, level?, service? }.
   *
   * An explicit mapping for logs whose fields are neither the usual ones nor clear from the values; dotted names
   * reach into nested objects (`log.level`). Read by `culprit analyze` (JSON Lines, JSON arrays, JSON messages of
   * CloudWatch exports) and the ingest Lambda (JSON messages). See docs/input-formats.md.
   * @default - each source's fields are learnt from its first records, the usual names first
   */
  readonly logFields?: {
    readonly timestamp?: string;
    readonly message: string;
    readonly level?: string;
    readonly service?: string;
  };
  /**
   * Minimum confidence, 0 to 1, for a deploy to be blamed.
   * @default 0.5
   */
  readonly blameConfidence?: number;
  /**
   * How far before an incident deploys are suspects. Unit: minutes.
   *
   * The same for the stack and the CLI, so both name the same suspects: two hours also catch a slow leak or a
   * cache that takes an hour to expire, and the lag penalty already discounts a deploy that long before the
   * incident.
   * @default 120
   */
  readonly lookbackMinutes?: number;
  /**
   * Service name → the services it calls, for blaming a deploy of a service another one depends on.
   * @default {}
   */
  readonly dependsOn?: Readonly<Record<string, readonly string[]>>;
  /**
   * Longest a log delivery waits in an ingest container before it is committed to DynamoDB (0 to 900000). Unit:
   * ms.
   *
   * Anomaly changes are committed at once whatever this says; counts lag by up to this much, and a container that
   * dies without SIGTERM loses up to this much of its buffer. Each commit costs about 30–60 DynamoDB write units,
   * so at 60000 a quiet service's commits cost about 0.5 % of its CloudWatch Logs bill at 1,000 lines/s; 0 commits
   * every delivery (docs/operations.md, "Cost model").
   * @default 300000
   */
  readonly ingestFlushIntervalMs?: number;
  /**
   * How log deliveries reach ingest: "lambda" (one invocation per delivery) or "kinesis" (a stream).
   *
   * `'lambda'`: CloudWatch Logs invokes ingest once per delivery, and each invocation is a Lambda request ($0.20
   * per million) — with many small deliveries (about 100 events each) that alone is about 2 % of the CloudWatch
   * Logs ingestion bill. `'kinesis'`: the log groups write to a Kinesis data stream and one ingest invocation
   * takes up to `kinesisBatchSize` deliveries; the stream costs a shard-hour ($0.015 per hour per shard, about $11
   * a month) whether logs flow or not, so it pays from roughly 10,000 lines/s when deliveries hold fewer than
   * about 300 events (your average is the `Lines` metric's; docs/operations.md, "Cost model").
   * @default "lambda"
   */
  readonly ingestTransport?: 'lambda' | 'kinesis';
  /**
   * Shards of the Kinesis stream (1 to 200). Unit: shards.
   *
   * One shard takes 1 MB/s or 1,000 deliveries/s; CloudWatch Logs sends compressed deliveries (measured: about 30
   * bytes per 200-byte line), so one shard carries about 25,000 lines/s at 80 % of its limit (it depends on how
   * well the lines compress and how many share a delivery).
   * @default - 1 with `ingestTransport: 'kinesis'`; unused otherwise
   */
  readonly kinesisShardCount?: number;
  /**
   * Deliveries (stream records) handed to one ingest invocation, 1 to 10000. Unit: records.
   * @default - 500 with `ingestTransport: 'kinesis'`; unused otherwise
   */
  readonly kinesisBatchSize?: number;
  /**
   * Seconds the event source waits to fill an ingest batch, 0 to 300; adds at most this to detection latency.
   * Unit: seconds.
   * @default - 10 with `ingestTransport: 'kinesis'`; unused otherwise
   */
  readonly kinesisMaxBatchingWindowSeconds?: number;
  /**
   * Days template counts are kept (DynamoDB TTL). Unit: days.
   * @default 14
   */
  readonly templateCountsRetentionDays?: number;
  /**
   * Days deploys are kept after they happened (DynamoDB TTL). Unit: days.
   * @default 90
   */
  readonly deploysRetentionDays?: number;
  /**
   * Days incidents are kept (DynamoDB TTL). Unit: days.
   * @default 90
   */
  readonly incidentsRetentionDays?: number;
  /**
   * Retention of the functions' log groups, one of CloudWatch Logs' periods (never unlimited). Unit: days.
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * What happens to tables, queues and log groups when the stack is deleted.
   * @default "retain"
   */
  readonly removalPolicy?: 'retain' | 'destroy';
  /**
   * Anomaly messages handed to one rank invocation. Unit: messages.
   * @default 10
   */
  readonly rankBatchSize?: number;
  /**
   * Seconds the event source waits to fill a rank batch. Unit: seconds.
   * @default 30
   */
  readonly rankMaxBatchingWindowSeconds?: number;
  /**
   * Most rank invocations the anomaly queue drives at once (2 to 1000).
   * @default 5
   */
  readonly rankMaxConcurrency?: number;
  /**
   * Name of the bus Culprit creates for custom deploy events and incident events.
   * @default "culprit"
   */
  readonly eventBusName?: string;
  /**
   * Record Lambda code updates seen through CloudTrail (the account needs a trail).
   * @default true
   */
  readonly trackLambdaDeploys?: boolean;
  /**
   * SNS topic the alarms notify.
   * @default - alarms without actions
   */
  readonly alarmTopicArn?: string;
  /**
   * Secrets Manager secret holding the Slack webhook URL, or {"token":"xoxb-…","channel":"C…"} for a bot.
   *
   * A name in this account and region. A bot updates its message in place. Rank may read only this secret.
   * @default - no Slack messages
   */
  readonly slackSecretName?: string;
  /**
   * Channel for a bare bot token in the Slack secret. Needs slackSecretName.
   * @default - the secret names it
   */
  readonly slackChannel?: string;
  /**
   * Regular expressions whose matches become [REDACTED] in Slack messages, after the built-in rules.
   *
   * The built-in rules (secretlint's recommended preset and rules for secrets in running text) apply first. RE2
   * syntax, checked at synth.
   * @default []
   */
  readonly redactPatterns?: readonly string[];
  /**
   * State machine rank starts when a verdict blames a deploy at least triggerConfidence (e.g. a rollback).
   *
   * The execution is named after incident and deploy, so it starts once per verdict. Rank may start only it.
   * @default - none
   */
  readonly triggerStateMachineArn?: string;
  /**
   * Minimum confidence, 0 to 1, of the blamed deploy to start triggerStateMachineArn.
   *
   * Acting (a rollback, a page) needs more certainty than naming a suspect in a message.
   * @default 0.8
   */
  readonly triggerConfidence?: number;
  /**
   * Post-deploy verification state machine: false to leave it out, or { waitMinutes } before it verifies.
   *
   * The state machine waits, reads the service logs before and after a deploy and ends Succeeded or Failed. `true`
   * waits 10 minutes.
   * @default true
   */
  readonly verification?: boolean | { readonly waitMinutes?: number };
  /**
   * URL templates for a deploy's commit and CI run, e.g. "https://github.com/ORG/REPO/commit/{commit}".
   *
   * Placeholders: {commit}, {version}, {service}, {id}, filled from the deploy's field of that name (URI-encoded);
   * a deploy lacking one gets no link. `ciRun` is used when the deploy has no `url` of its own.
   * @default {}
   */
  readonly links?: { readonly commit?: string; readonly ciRun?: string };
}
