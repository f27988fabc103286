import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { EventBus, type IEventBus } from 'aws-cdk-lib/aws-events';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { settingsEnvironment, type SettingsInput } from '../lambdas/core/settings';
import { ENV } from '../lambdas/common';
import { parseCulpritConfig, type CulpritConfig } from './config';
import type { CulpritSettingsProps } from './culprit-settings-props';
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
 * Configuration of the pipeline: the settings (declared in lambdas/core/settings, listed in docs/settings.md).
 * Every value is validated at synth time (all problems reported in one error) whether it comes from here, from
 * CDK context or from culprit.config.json (see `CulpritStack`).
 */
/** The settings, plus escape hatches for what they cannot say (an existing bus or secret, function props). */
export interface CulpritProps extends CulpritSettingsProps, CulpritEscapeHatches {}

// Compile-time guards: the generated props name the model's stack settings and take no more than it accepts, and a
// CulpritLogGroup is a log group entry.
type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
type StackSettings = Required<DeepReadonly<SettingsInput<'stack'>>>;
type KeyDrift =
  | Exclude<keyof CulpritSettingsProps, keyof StackSettings>
  | Exclude<keyof StackSettings, keyof CulpritSettingsProps>;
const propsMatchSettings: [KeyDrift] extends [never]
  ? [Required<CulpritSettingsProps>] extends [StackSettings]
    ? true
    : false
  : KeyDrift = true;
const logGroupFits: CulpritLogGroup extends Exclude<NonNullable<CulpritProps['logGroups']>[number], string>
  ? true
  : false = true;
void propsMatchSettings;
void logGroupFits;

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
    const { hatches, settings: settingProps } = splitEscapeHatches(props, origin);
    const config = parseCulpritConfig(settingProps, origin);
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

    // The settings each function reads travel in its environment (lambdas/core/settings says which), the service
    // map merged with the services named in logGroups.
    const settings = { ...config, services: serviceMapOf(config) };
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
        ...settingsEnvironment('ingest', settings),
        // Where the handler parks stream records it cannot read (Kinesis transport); set in both transports so the
        // handler's environment does not depend on the transport.
        [ENV.ingestDeadLetterQueueUrl]: this.queues.ingestDeadLetter.queueUrl,
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
        [ENV.minerStateTable]: this.tables.minerState.tableName,
        [ENV.deploysTable]: this.tables.deploys.tableName,
        [ENV.incidentsTable]: this.tables.incidents.tableName,
        [ENV.eventBusName]: this.eventBus.eventBusName,
        ...settingsEnvironment('rank', settings),
        // GetSecretValue takes a name or an ARN: a given secret (no slackSecretName) travels as its ARN.
        ...(hatches.existingSlackSecretObj === undefined || config.slackSecretName !== undefined
          ? {}
          : { [ENV.slackSecretName]: hatches.existingSlackSecretObj.secretArn }),
      },
    });
    const deploys = new CulpritFunction(this, 'Deploys', {
      ...common,
      name: 'deploys',
      deadLetterQueue: this.queues.deploysDeadLetter,
      ...(hatches.deploysFunctionProps === undefined ? {} : { overrides: hatches.deploysFunctionProps }),
      environment: {
        [ENV.deploysTable]: this.tables.deploys.tableName,
        ...settingsEnvironment('deploys', settings),
      },
    });
    this.ingestFunction = ingest.function;
    this.rankFunction = rank.function;
    this.deploysFunction = deploys.function;

    // Least privilege: each function gets exactly the tables and actions its job needs.
    this.queues.anomalies.grantSendMessages(ingest.function);
    this.queues.ingestDeadLetter.grantSendMessages(ingest.function);
    // The DynamoDB actions are the calls the handlers make (lambdas/ingest, lambdas/rank), no more: no Scan,
    // DeleteItem, BatchWriteItem or stream reads, which grantReadWriteData would add.
    this.tables.minerState.grant(ingest.function, 'dynamodb:GetItem', 'dynamodb:PutItem');
    this.tables.templateCounts.grant(ingest.function, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem');
    this.tables.templateCounts.grant(rank.function, 'dynamodb:Query');
    // Rank reads the services' committed states to explain rewordings and load surges as the CLI does.
    this.tables.minerState.grant(rank.function, 'dynamodb:GetItem');
    this.tables.deploys.grant(rank.function, 'dynamodb:Query');
    this.tables.incidents.grant(
      rank.function,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    );
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
