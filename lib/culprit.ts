import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { EventBus, type IEventBus } from 'aws-cdk-lib/aws-events';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ENV } from '../lambdas/shared/env-names';
import { parseCulpritConfig, type CulpritConfig, type CulpritConfigInput } from './config';
import { splitEscapeHatches, type CulpritEscapeHatches } from './culprit-escape-hatches';
import { FUNCTION_SETTINGS } from './defaults';
import {
  acknowledgeNagFindings,
  CulpritAlarms,
  CulpritFunction,
  CulpritQueues,
  CulpritTables,
  DeployRules,
  LogStream,
  LogSubscriptions,
  ShutdownSignalLayer,
  Verification,
} from './parts';

/** A log group to subscribe, optionally with the service its lines belong to. */
export interface CulpritLogGroup {
  readonly name: string;
  /** @default - the service the `services` mapping gives for the name; else ingest's own default */
  readonly service?: string;
}

/**
 * Configuration of the pipeline. Every value is validated at synth time (all problems reported in one
 * error) whether it comes from here or from CDK context (see `CulpritStack`).
 */
export interface CulpritProps extends CulpritEscapeHatches {
  /** Log groups whose events feed the ingest function, by name or with their service. @default [] */
  readonly logGroups?: readonly (string | CulpritLogGroup)[];
  /**
   * Subscribe every log group whose name starts with this, through an account-level subscription
   * policy (ingest drops the rest). Exclusive with `logGroups`.
   * @default - only `logGroups` are subscribed
   */
  readonly logGroupPrefix?: string;
  /**
   * Resource name → service name: log group, ECS service (`cluster/service` or `service`), CodeDeploy
   * `application/deploymentGroup` or application, CloudFormation stack, Lambda function (`name:alias`
   * or `name`). A resource missing here is its own service.
   * @default {}
   */
  readonly services?: Readonly<Record<string, string>>;
  /** CloudWatch Logs filter pattern deciding which log events reach ingest. @default '' (every event) */
  readonly filterPattern?: string;
  /** Minimum confidence, 0 to 1, for the ranker to blame a deploy. @default 0.5 */
  readonly blameConfidence?: number;
  /** How far before an anomaly the ranker looks for deploys, in minutes. @default 60 */
  readonly lookbackMinutes?: number;
  /**
   * Longest a log delivery waits in an ingest container before it is committed to DynamoDB, in ms (0 to
   * 900000). Anomaly changes are committed at once whatever this says; counts lag by up to this much, and a
   * container that dies without SIGTERM loses up to this much of its buffer. Each commit costs about 30–60
   * DynamoDB write units, so at 60000 a quiet service's commits cost about 0.5 % of its CloudWatch Logs bill
   * at 1,000 lines/s; 0 commits every delivery (docs/operations.md, "Cost model").
   * @default 300000
   */
  readonly ingestFlushIntervalMs?: number;
  /** Days template counts are kept (TTL). @default 14 */
  readonly templateCountsRetentionDays?: number;
  /** Days deploys are kept after they happened (TTL). @default 90 */
  readonly deploysRetentionDays?: number;
  /** Days incidents are kept (TTL). @default 90 */
  readonly incidentsRetentionDays?: number;
  /** Retention of the functions' log groups, one of CloudWatch Logs' periods. @default 30 */
  readonly logRetentionDays?: number;
  /** Name of the bus Culprit creates for custom deploy events and incident events. @default 'culprit' */
  readonly eventBusName?: string;
  /** Record Lambda code updates seen through CloudTrail (the account needs a trail). @default true */
  readonly trackLambdaDeploys?: boolean;
  /** SNS topic the alarms notify. @default - alarms without actions */
  readonly alarmTopicArn?: string;
  /** What happens to tables, queues and log groups when the stack is deleted. @default 'retain' */
  readonly removalPolicy?: 'retain' | 'destroy';
  /** Anomaly messages handed to one rank invocation. @default 10 */
  readonly rankBatchSize?: number;
  /** Seconds the event source waits to fill a rank batch. @default 30 */
  readonly rankMaxBatchingWindowSeconds?: number;
  /** Most rank invocations the anomaly queue drives at once (2 to 1000). @default 5 */
  readonly rankMaxConcurrency?: number;
  /**
   * How log deliveries reach ingest. `'lambda'`: CloudWatch Logs invokes ingest once per delivery, and each
   * invocation is a Lambda request ($0.20 per million) — with many small deliveries (about 100 events each)
   * that alone is about 2 % of the CloudWatch Logs ingestion bill. `'kinesis'`: the log groups write to a
   * Kinesis data stream and one ingest invocation takes up to `kinesisBatchSize` deliveries; the stream costs
   * a shard-hour ($0.015 per hour per shard, about $11 a month) whether logs flow or not, so it pays from
   * roughly 10,000 lines/s when deliveries hold fewer than about 300 events (your average is the `Lines`
   * metric's; docs/operations.md, "Cost model").
   * @default 'lambda'
   */
  readonly ingestTransport?: 'lambda' | 'kinesis';
  /**
   * Shards of the Kinesis stream (1 to 200; `ingestTransport: 'kinesis'` only). One shard takes 1 MB/s or
   * 1,000 deliveries/s; CloudWatch Logs sends compressed deliveries (measured: about 30 bytes per 200-byte
   * line), so one shard carries about 25,000 lines/s at 80 % of its limit (it depends on how well the lines
   * compress and how many share a delivery).
   * @default 1
   */
  readonly kinesisShardCount?: number;
  /** Deliveries (stream records) handed to one ingest invocation, 1 to 10000 (`ingestTransport: 'kinesis'` only). @default 500 */
  readonly kinesisBatchSize?: number;
  /**
   * Seconds the event source waits to fill an ingest batch, 0 to 300 (`ingestTransport: 'kinesis'` only); adds
   * at most this much to detection latency.
   * @default 10
   */
  readonly kinesisMaxBatchingWindowSeconds?: number;
  /**
   * Secrets Manager secret (name, in this account and region) holding the Slack incoming-webhook URL, or
   * `{"token":"xoxb-…","channel":"C…"}` for a bot that updates its message in place. Rank may read only it.
   * @default - no Slack messages
   */
  readonly slackSecretName?: string;
  /** Channel for a bare bot token in the Slack secret. Needs `slackSecretName`. @default - the secret names it */
  readonly slackChannel?: string;
  /**
   * JavaScript regular expressions whose matches are replaced by `[REDACTED]` in Slack messages, after the
   * built-in rules (AWS access keys, bearer tokens, URL passwords, e-mail addresses). Checked at synth.
   * @default []
   */
  readonly redactPatterns?: readonly string[];
  /**
   * State machine rank starts (execution named after incident and deploy, so once per verdict) when a verdict
   * blames a deploy at least `triggerConfidence`; e.g. a rollback. Rank may start only it.
   * @default - none
   */
  readonly triggerStateMachineArn?: string;
  /** Minimum confidence, 0 to 1, of the blamed deploy to start `triggerStateMachineArn`. @default 0.8 */
  readonly triggerConfidence?: number;
  /**
   * Post-deploy verification (a state machine that waits, reads the service logs before and after a deploy and
   * ends Succeeded or Failed): `false` to leave it out, or the minutes it waits before verifying.
   * @default true (wait 10 minutes)
   */
  readonly verification?: boolean | { readonly waitMinutes?: number };
}

// Compile-time guard: the props and the schema name the same settings.
type CulpritSettingsProps = Omit<CulpritProps, keyof CulpritEscapeHatches>;
type PropsSchemaDrift =
  | Exclude<keyof CulpritSettingsProps, keyof CulpritConfigInput>
  | Exclude<keyof CulpritConfigInput, keyof CulpritSettingsProps>;
const propsMatchSchema: [PropsSchemaDrift] extends [never] ? true : PropsSchemaDrift = true;
void propsMatchSchema;

/**
 * The Culprit pipeline: CloudWatch Logs → ingest (directly, or through a Kinesis stream) → anomaly queue →
 * rank, EventBridge deploy events → deploys, four DynamoDB tables, an event bus, dead-letter queues and alarms; optionally Slack messages and a
 * state machine started by rank, and (by default) the post-deploy verification state machine. Wiring only;
 * the logic lives in the handlers under `lambdas/`.
 */
export class Culprit extends Construct {
  readonly config: CulpritConfig;
  readonly tables: CulpritTables;
  readonly queues: CulpritQueues;
  /** The bus for deploy and verdict events: Culprit's own, or `existingEventBusInterface`. */
  readonly eventBus: IEventBus;
  readonly ingestFunction: NodejsFunction;
  readonly rankFunction: NodejsFunction;
  readonly deploysFunction: NodejsFunction;
  readonly logSubscriptions: LogSubscriptions;
  /** The Kinesis transport between CloudWatch Logs and ingest (absent unless `ingestTransport: 'kinesis'`). */
  readonly logStream: LogStream | undefined;
  readonly deployRules: DeployRules;
  readonly alarms: CulpritAlarms;
  /** Post-deploy verification (absent when `verification: false`). */
  readonly verification: Verification | undefined;

  constructor(scope: Construct, id: string, props: CulpritProps = {}) {
    super(scope, id);
    const origin = `props of ${this.node.path}`;
    const { hatches, settings } = splitEscapeHatches(props, origin);
    const config = parseCulpritConfig(settings, origin);
    this.config = config;
    const removalPolicy = config.removalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const logRetention = config.logRetentionDays as RetentionDays;

    this.tables = new CulpritTables(this, 'Tables', { removalPolicy });
    this.queues = new CulpritQueues(this, 'Queues', { consumerTimeout: FUNCTION_SETTINGS.rank.timeout, removalPolicy });
    // EventBus declares eventSourceName as `string | undefined`, which exactOptionalPropertyTypes rejects against
    // IEventBus's optional field; the object is an IEventBus all the same.
    this.eventBus =
      hatches.existingEventBusInterface ??
      (new EventBus(this, 'EventBus', { eventBusName: config.eventBusName }) as IEventBus);
    const slackSecret =
      hatches.existingSlackSecretObj ??
      (config.slackSecretName === undefined
        ? undefined
        : Secret.fromSecretNameV2(this, 'SlackSecret', config.slackSecretName));

    const serviceMap = JSON.stringify(serviceMapOf(config));
    const common = { logRetention, removalPolicy };
    const ingest = new CulpritFunction(this, 'Ingest', {
      ...common,
      name: 'ingest',
      deadLetterQueue: this.queues.ingestDeadLetter,
      ...(hatches.ingestFunctionProps === undefined ? {} : { overrides: hatches.ingestFunctionProps }),
      environment: {
        [ENV.anomalyQueueUrl]: this.queues.anomalies.queueUrl,
        [ENV.minerStateTable]: this.tables.minerState.tableName,
        [ENV.templateCountsTable]: this.tables.templateCounts.tableName,
        [ENV.templateCountsTtlDays]: String(config.templateCountsRetentionDays),
        [ENV.serviceMap]: serviceMap,
        [ENV.ingestFlushIntervalMs]: String(config.ingestFlushIntervalMs),
        // Where the handler parks stream records it cannot read (Kinesis transport); set in both transports so the
        // handler's environment does not depend on the transport.
        [ENV.ingestDeadLetterQueueUrl]: this.queues.ingestDeadLetter.queueUrl,
        ...(config.logGroupPrefix === undefined ? {} : { [ENV.logGroupPrefix]: config.logGroupPrefix }),
      },
    });
    // Ingest buffers deliveries between flushes; the extension makes Lambda send SIGTERM so it can flush at shutdown.
    ingest.function.addLayers(new ShutdownSignalLayer(this, 'ShutdownSignal').layer);
    const rank = new CulpritFunction(this, 'Rank', {
      ...common,
      name: 'rank',
      ...(hatches.rankFunctionProps === undefined ? {} : { overrides: hatches.rankFunctionProps }),
      environment: {
        [ENV.templateCountsTable]: this.tables.templateCounts.tableName,
        [ENV.deploysTable]: this.tables.deploys.tableName,
        [ENV.incidentsTable]: this.tables.incidents.tableName,
        [ENV.incidentsTtlDays]: String(config.incidentsRetentionDays),
        [ENV.eventBusName]: this.eventBus.eventBusName,
        [ENV.blameConfidence]: String(config.blameConfidence),
        [ENV.lookbackMinutes]: String(config.lookbackMinutes),
        [ENV.serviceMap]: serviceMap,
        ...(config.redactPatterns.length === 0 ? {} : { [ENV.redactPatterns]: JSON.stringify(config.redactPatterns) }),
        // GetSecretValue takes a name or an ARN: the configured name, or the given secret's ARN.
        ...(slackSecret === undefined
          ? {}
          : { [ENV.slackSecretName]: config.slackSecretName ?? slackSecret.secretArn }),
        ...(config.slackChannel === undefined ? {} : { [ENV.slackChannel]: config.slackChannel }),
        ...(config.triggerStateMachineArn === undefined
          ? {}
          : {
              [ENV.triggerStateMachineArn]: config.triggerStateMachineArn,
              [ENV.triggerConfidence]: String(config.triggerConfidence),
            }),
      },
    });
    const deploys = new CulpritFunction(this, 'Deploys', {
      ...common,
      name: 'deploys',
      deadLetterQueue: this.queues.deploysDeadLetter,
      ...(hatches.deploysFunctionProps === undefined ? {} : { overrides: hatches.deploysFunctionProps }),
      environment: {
        [ENV.deploysTable]: this.tables.deploys.tableName,
        [ENV.deploysTtlDays]: String(config.deploysRetentionDays),
        [ENV.serviceMap]: serviceMap,
      },
    });
    this.ingestFunction = ingest.function;
    this.rankFunction = rank.function;
    this.deploysFunction = deploys.function;

    // Least privilege: each function gets exactly the tables and actions its job needs.
    this.queues.anomalies.grantSendMessages(ingest.function);
    this.queues.ingestDeadLetter.grantSendMessages(ingest.function);
    this.tables.minerState.grantReadWriteData(ingest.function);
    this.tables.templateCounts.grantReadWriteData(ingest.function);
    this.tables.templateCounts.grantReadData(rank.function);
    this.tables.deploys.grantReadData(rank.function);
    this.tables.incidents.grantReadWriteData(rank.function);
    this.eventBus.grantPutEventsTo(rank.function);
    // Only the configured secret and state machine (fromSecretNameV2 covers the random suffix Secrets Manager adds).
    slackSecret?.grantRead(rank.function);
    if (config.triggerStateMachineArn !== undefined)
      StateMachine.fromStateMachineArn(this, 'Trigger', config.triggerStateMachineArn).grantStartExecution(
        rank.function,
      );
    // Deploy records are written once and never changed; PutItem (conditional) is all it needs.
    this.tables.deploys.grant(deploys.function, 'dynamodb:PutItem');

    rank.function.addEventSource(
      new SqsEventSource(this.queues.anomalies, {
        batchSize: config.rankBatchSize,
        maxBatchingWindow: Duration.seconds(config.rankMaxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: config.rankMaxConcurrency,
      }),
    );

    this.logStream =
      config.ingestTransport === 'kinesis'
        ? new LogStream(this, 'LogStream', {
            shardCount: config.kinesisShardCount,
            consumer: ingest.function,
            deadLetterQueue: this.queues.ingestDeadLetter,
            batchSize: config.kinesisBatchSize,
            maxBatchingWindow: Duration.seconds(config.kinesisMaxBatchingWindowSeconds),
            removalPolicy,
          })
        : undefined;

    const logGroupNames = config.logGroups.map((entry) => (typeof entry === 'string' ? entry : entry.name));
    this.verification =
      config.verification === false
        ? undefined
        : new Verification(this, 'Verification', {
            logGroupNames,
            ...(config.logGroupPrefix === undefined ? {} : { logGroupPrefix: config.logGroupPrefix }),
            ...(typeof config.verification === 'object' && config.verification.waitMinutes !== undefined
              ? { waitMinutes: config.verification.waitMinutes }
              : {}),
            logRetention,
            removalPolicy,
            ...(hatches.verifyFunctionProps === undefined ? {} : { functionProps: hatches.verifyFunctionProps }),
          });
    this.logSubscriptions = new LogSubscriptions(this, 'LogSubscriptions', {
      destination:
        this.logStream === undefined
          ? { kind: 'function', function: ingest.function }
          : { kind: 'stream', stream: this.logStream.stream, role: this.logStream.writerRole },
      logGroupNames,
      ...(config.logGroupPrefix === undefined ? {} : { logGroupPrefix: config.logGroupPrefix }),
      ownLogGroups: [
        ingest.logGroup,
        rank.logGroup,
        deploys.logGroup,
        ...(this.verification === undefined
          ? []
          : [this.verification.functionLogGroup, this.verification.stateMachineLogGroup]),
      ],
      filterPattern: config.filterPattern,
    });
    this.deployRules = new DeployRules(this, 'DeployRules', {
      deploysFunction: deploys.function,
      culpritBus: this.eventBus,
      deadLetterQueue: this.queues.deploysDeadLetter,
      trackLambdaDeploys: config.trackLambdaDeploys,
    });
    this.alarms = new CulpritAlarms(this, 'Alarms', {
      deadLetterQueues: {
        Anomalies: this.queues.anomaliesDeadLetter,
        Ingest: this.queues.ingestDeadLetter,
        Deploys: this.queues.deploysDeadLetter,
      },
      functions: {
        Ingest: ingest.function,
        Rank: rank.function,
        Deploys: deploys.function,
        ...(this.verification === undefined ? {} : { Verify: this.verification.function }),
      },
      ...(this.logStream === undefined ? {} : { streamConsumers: { Ingest: ingest.function } }),
      ...(config.alarmTopicArn === undefined ? {} : { alarmTopicArn: config.alarmTopicArn }),
    });

    if (config.logGroups.length === 0 && config.logGroupPrefix === undefined) {
      Annotations.of(this).addWarningV2(
        'culprit:noLogGroups',
        'No log groups configured (logGroups or logGroupPrefix): deploys are recorded but no logs are analysed.',
      );
    }
    acknowledgeNagFindings({ functions: [ingest, rank, deploys] });
  }
}

/** The `services` mapping plus the services given next to log group names. */
function serviceMapOf(config: CulpritConfig): Record<string, string> {
  const map: Record<string, string> = { ...config.services };
  for (const entry of config.logGroups) {
    if (typeof entry !== 'string' && entry.service !== undefined) map[entry.name] = entry.service;
  }
  return map;
}
