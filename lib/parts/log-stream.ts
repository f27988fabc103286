import { Aws, type Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Stream, StreamEncryption, StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LOG_STREAM_DEFAULTS } from '../defaults';

export interface LogStreamProps {
  readonly shardCount: number;
  /** The ingest function, which reads the stream. */
  readonly consumer: IFunction;
  /** Where the event source records the metadata of a range of records it gave up on (the ingest dead-letter queue). */
  readonly deadLetterQueue: IQueue;
  /** Deliveries (records) per invocation. */
  readonly batchSize: number;
  readonly maxBatchingWindow: Duration;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The Kinesis transport (`ingestTransport: 'kinesis'`): a stream CloudWatch Logs writes deliveries to, the role
 * it writes with, and the event source mapping that hands ingest hundreds of deliveries per invocation instead of
 * one. The subscriptions themselves are made by `LogSubscriptions`; the lag alarm by `CulpritAlarms`.
 */
export class LogStream extends Construct {
  readonly stream: Stream;
  /** The role CloudWatch Logs assumes to put deliveries into the stream (and nothing else). */
  readonly writerRole: Role;

  constructor(scope: Construct, id: string, props: LogStreamProps) {
    super(scope, id);
    this.stream = new Stream(this, 'Stream', {
      // Provisioned: $0.015 per shard-hour; on-demand mode costs about $0.04 per stream-hour before any data, plus
      // per-GB charges (us-east-1 prices).
      streamMode: StreamMode.PROVISIONED,
      shardCount: props.shardCount,
      retentionPeriod: LOG_STREAM_DEFAULTS.retention,
      // The AWS-managed key (aws/kinesis): encrypted at rest, no key to pay for, no KMS grants to manage.
      encryption: StreamEncryption.MANAGED,
      removalPolicy: props.removalPolicy,
    });

    // PutRecord is the one call CloudWatch Logs makes with this role (PutSubscriptionFilter's roleArn). The
    // aws/kinesis key needs no grant: its key policy lets the account's principals use it through Kinesis.
    // KinesisDestination would add ListShards, PutRecords and iam:PassRole on the role itself; none is needed.
    this.writerRole = new Role(this, 'WriterRole', {
      description: 'CloudWatch Logs puts Culprit log deliveries into the ingest stream',
      assumedBy: new ServicePrincipal('logs.amazonaws.com', {
        // Only CloudWatch Logs acting for this account and region (confused-deputy protection).
        conditions: { StringLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` } },
      }),
      // Inline, so the permission exists as soon as the role does: CloudWatch Logs test-writes to the stream
      // when a subscription is created, and the subscriptions depend on the role through its ARN.
      inlinePolicies: {
        PutDeliveries: new PolicyDocument({
          statements: [new PolicyStatement({ actions: ['kinesis:PutRecord'], resources: [this.stream.streamArn] })],
        }),
      },
    });

    props.consumer.addEventSource(
      new KinesisEventSource(this.stream, {
        // Records written before the mapping existed (the subscriptions may be created first) are read too.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: props.batchSize,
        maxBatchingWindow: props.maxBatchingWindow,
        // The handler reports the first record that failed for a transient reason; earlier ones are not re-read.
        reportBatchItemFailures: true,
        // Explicit default: one invocation per shard at a time keeps each shard's deliveries in order and the
        // containers few, and each container buffers and commits to DynamoDB on its own; add shards to go faster.
        parallelizationFactor: 1,
        // Explicit default: splitting helps isolate poison records, which the handler parks itself; a failure it
        // reports is transient, and halving the batch would only multiply invocations.
        bisectBatchOnError: false,
        // A failed batch is retried until it succeeds, ages out or has failed 10000 times (the largest finite
        // count), whichever comes first: the handler only reports transient failures (LOG_STREAM_DEFAULTS).
        retryAttempts: LOG_STREAM_DEFAULTS.retryAttempts,
        maxRecordAge: LOG_STREAM_DEFAULTS.maxRecordAge,
        // A skipped range leaves its shard, sequence numbers and time in the ingest dead-letter queue, so it can
        // be found and replayed while the stream still holds it.
        onFailure: new SqsDlq(props.deadLetterQueue),
      }),
    );
  }
}
