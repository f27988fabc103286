import { Match, type Template } from 'aws-cdk-lib/assertions';
import { SettingsError, parseCulpritConfig } from '../../lib';
import { logicalId, synthCulprit } from './synth-culprit';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

const LOG_GROUPS = ['/aws/lambda/checkout', { name: '/ecs/payments', service: 'payments' }];
const ALARM_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ops';

function resourcesOf(template: Template): Resources {
  return template.toJSON().Resources as Resources;
}

/** CloudFormation intrinsics as readable text: `{Ref: X}` → `X`, `{Fn::GetAtt: [X, Arn]}` → `X.Arn`, joins concatenated. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const intrinsic = value as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
  if (intrinsic.Ref !== undefined) return intrinsic.Ref;
  if (intrinsic['Fn::GetAtt'] !== undefined) return intrinsic['Fn::GetAtt'].join('.');
  if (intrinsic['Fn::Join'] !== undefined) return intrinsic['Fn::Join'][1].map(flatten).join(intrinsic['Fn::Join'][0]);
  throw new Error(`cannot flatten ${JSON.stringify(value)}`);
}

/** The ids of things every assertion below refers to. */
function idsOf(template: Template): { stream: string; role: string; ingest: string; deadLetter: string } {
  return {
    stream: logicalId(template, 'AWS::Kinesis::Stream', 'LogStream'),
    role: logicalId(template, 'AWS::IAM::Role', 'LogStreamWriterRole'),
    ingest: logicalId(template, 'AWS::Lambda::Function', 'IngestFunction'),
    deadLetter: logicalId(template, 'AWS::SQS::Queue', 'IngestDeadLetter'),
  };
}

function invokePermissionsForLogs(template: Template): string[] {
  return Object.entries(
    template.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'logs.amazonaws.com' } }),
  ).map(([id]) => id);
}

function configError(input: unknown): SettingsError {
  try {
    parseCulpritConfig(input);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('the Kinesis transport (ingestTransport: "kinesis")', () => {
  const listed = synthCulprit({
    logGroups: LOG_GROUPS,
    alarmTopicArn: ALARM_TOPIC,
    ingestTransport: 'kinesis',
    kinesisShardCount: 3,
    kinesisBatchSize: 200,
    kinesisMaxBatchingWindowSeconds: 5,
  }).template;
  const prefixed = synthCulprit({ logGroupPrefix: '/aws/lambda/shop-', ingestTransport: 'kinesis' }).template;

  it('creates one provisioned stream with the configured shards, kept for 24 hours and encrypted with the aws/kinesis key', () => {
    listed.resourceCountIs('AWS::Kinesis::Stream', 1);
    listed.hasResource('AWS::Kinesis::Stream', {
      Properties: {
        ShardCount: 3,
        RetentionPeriodHours: 24,
        StreamModeDetails: { StreamMode: 'PROVISIONED' },
        StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    prefixed.hasResourceProperties('AWS::Kinesis::Stream', { ShardCount: 1 });
  });

  it('deletes the stream with the stack when the removal policy says destroy', () => {
    const { template } = synthCulprit({ logGroups: ['/a'], ingestTransport: 'kinesis', removalPolicy: 'destroy' });

    template.hasResource('AWS::Kinesis::Stream', { DeletionPolicy: 'Delete' });
  });

  it('subscribes each listed log group to the stream, written with the writer role and spread over the shards', () => {
    const ids = idsOf(listed);
    listed.resourceCountIs('AWS::Logs::SubscriptionFilter', 2);
    for (const name of ['/aws/lambda/checkout', '/ecs/payments']) {
      listed.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
        LogGroupName: name,
        FilterPattern: '',
        DestinationArn: { 'Fn::GetAtt': [ids.stream, 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [ids.role, 'Arn'] },
        Distribution: 'Random',
      });
    }
  });

  it('points the account-level subscription policy of prefix mode at the stream, with the writer role', () => {
    const ids = idsOf(prefixed);
    const policies = Object.values(prefixed.findResources('AWS::Logs::AccountPolicy'));

    expect(policies).toHaveLength(1);
    expect(
      JSON.parse(flatten((policies[0] as { Properties: { PolicyDocument: unknown } }).Properties.PolicyDocument)),
    ).toEqual({
      DestinationArn: `${ids.stream}.Arn`,
      RoleArn: `${ids.role}.Arn`,
      FilterPattern: '',
      Distribution: 'Random',
    });
  });

  it('lets only CloudWatch Logs of this account and region assume the writer role', () => {
    const trust = resourcesOf(listed)[idsOf(listed).role]?.Properties.AssumeRolePolicyDocument as {
      Statement: { Condition: { StringLike: Record<string, unknown> } }[];
    };

    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringLike: { 'aws:SourceArn': expect.anything() } },
      },
    ]);
    expect(flatten(trust.Statement[0]?.Condition.StringLike['aws:SourceArn'])).toBe(
      'arn:AWS::Partition:logs:AWS::Region:AWS::AccountId:*',
    );
  });

  it('allows the writer role kinesis:PutRecord on the stream and nothing else (no KMS grant: the aws/kinesis key needs none)', () => {
    const ids = idsOf(listed);
    const role = resourcesOf(listed)[ids.role];
    const attachedPolicies = Object.values(resourcesOf(listed)).filter(
      (resource) =>
        resource.Type === 'AWS::IAM::Policy' &&
        (resource.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === ids.role),
    );

    expect(role?.Properties.Policies).toEqual([
      {
        PolicyName: 'PutDeliveries',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: { 'Fn::GetAtt': [ids.stream, 'Arn'] } },
          ],
        },
      },
    ]);
    expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
    expect(attachedPolicies).toEqual([]);
  });

  it('feeds ingest from the stream in batches, from the oldest record, retrying a failed batch until it ages out', () => {
    const ids = idsOf(listed);

    listed.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: ids.ingest },
      EventSourceArn: { 'Fn::GetAtt': [ids.stream, 'Arn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 200,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: 10_000,
      MaximumRecordAgeInSeconds: 86_400,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ids.deadLetter, 'Arn'] } } },
    });
  });

  it('uses batches of 500 deliveries within 10 seconds unless told otherwise', () => {
    prefixed.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [idsOf(prefixed).stream, 'Arn'] },
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 10,
    });
  });

  it('lets ingest read the stream but not write to it', () => {
    const ids = idsOf(listed);
    const statements = Object.values(resourcesOf(listed))
      .filter(
        (resource) =>
          resource.Type === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties.Roles).includes('IngestRole'),
      )
      .flatMap(
        (policy) =>
          (policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
            .Statement,
      )
      .filter((statement) => JSON.stringify(statement.Resource).includes(ids.stream));
    const actions = statements.flatMap((statement) =>
      Array.isArray(statement.Action) ? statement.Action : [statement.Action],
    );

    expect(actions).toEqual(expect.arrayContaining(['kinesis:GetRecords', 'kinesis:GetShardIterator']));
    expect(actions.filter((action) => /Put|Delete|Update|Create/.test(action))).toEqual([]);
  });

  it('gives CloudWatch Logs no right to invoke ingest, in listed or prefix mode', () => {
    expect(invokePermissionsForLogs(listed)).toEqual([]);
    expect(invokePermissionsForLogs(prefixed)).toEqual([]);
  });

  it('alarms, through the alarm topic, when ingest stays more than 5 minutes behind the stream for 3 minutes', () => {
    listed.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: idsOf(listed).ingest } }],
      Statistic: 'Maximum',
      Period: 60,
      Threshold: 300_000,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'notBreaching',
      AlarmActions: [ALARM_TOPIC],
      OKActions: [ALARM_TOPIC],
    });
  });

  it('names the stream in the stack outputs', () => {
    expect(listed.toJSON().Outputs.IngestStreamName).toMatchObject({ Value: { Ref: idsOf(listed).stream } });
  });
});

describe('the Lambda transport (the default)', () => {
  const listed = synthCulprit({ logGroups: LOG_GROUPS }).template;
  const prefixed = synthCulprit({ logGroupPrefix: '/aws/lambda/shop-' }).template;

  it('creates no stream, writer role, stream event source, iterator-age alarm or stream output', () => {
    listed.resourceCountIs('AWS::Kinesis::Stream', 0);
    expect(Object.keys(listed.findResources('AWS::IAM::Role')).filter((id) => id.includes('LogStream'))).toEqual([]);
    expect(
      Object.keys(
        listed.findResources('AWS::Lambda::EventSourceMapping', { Properties: { StartingPosition: Match.anyValue() } }),
      ),
    ).toEqual([]);
    expect(
      Object.keys(listed.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'IteratorAge' } })),
    ).toEqual([]);
    expect(listed.toJSON().Outputs).not.toHaveProperty('IngestStreamName');
  });

  it('still lets CloudWatch Logs invoke ingest, per log group or account-wide in prefix mode', () => {
    expect(invokePermissionsForLogs(listed)).toHaveLength(2);
    expect(invokePermissionsForLogs(prefixed)).toHaveLength(1);
  });
});

describe('the ingest dead-letter queue, in both transports', () => {
  const templates = {
    lambda: synthCulprit({ logGroups: ['/aws/lambda/checkout'] }).template,
    kinesis: synthCulprit({ logGroups: ['/aws/lambda/checkout'], ingestTransport: 'kinesis' }).template,
  };

  it.each(Object.entries(templates))(
    'is named in the ingest environment and open to SendMessage (%s)',
    (_transport, template) => {
      const deadLetter = logicalId(template, 'AWS::SQS::Queue', 'IngestDeadLetter');
      const ingest = logicalId(template, 'AWS::Lambda::Function', 'IngestFunction');
      const ingestFunction = resourcesOf(template)[ingest];
      if (ingestFunction === undefined) throw new Error('no ingest function in the template');
      const roleId = (ingestFunction.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            POWERTOOLS_SERVICE_NAME: 'culprit-ingest',
            CULPRIT_INGEST_DEAD_LETTER_QUEUE_URL: { Ref: deadLetter },
          }),
        },
      });
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: roleId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: Match.arrayWith(['sqs:SendMessage']),
              Resource: { 'Fn::GetAtt': [deadLetter, 'Arn'] },
            }),
          ]),
        },
      });
    },
  );
});

describe('the Kinesis transport settings', () => {
  it('default to one shard and batches of 500 deliveries within 10 seconds', () => {
    expect(parseCulpritConfig({ ingestTransport: 'kinesis' })).toMatchObject({
      ingestTransport: 'kinesis',
      kinesisShardCount: 1,
      kinesisBatchSize: 500,
      kinesisMaxBatchingWindowSeconds: 10,
    });
  });

  it('are absent from a configuration with the Lambda transport, so a parsed configuration parses again to itself', () => {
    const lambda = parseCulpritConfig({ logGroups: ['/a'] });
    const kinesis = parseCulpritConfig({ logGroups: ['/a'], ingestTransport: 'kinesis', kinesisBatchSize: 100 });

    expect(lambda).not.toHaveProperty('kinesisBatchSize');
    expect(parseCulpritConfig(lambda)).toEqual(lambda);
    expect(parseCulpritConfig(kinesis)).toEqual(kinesis);
  });

  it('are rejected out of range, all at once', () => {
    const error = configError({
      ingestTransport: 'kinesis',
      kinesisBatchSize: 20_000,
      kinesisShardCount: 0,
      kinesisMaxBatchingWindowSeconds: 301,
    });

    expect(error.problems).toEqual([
      { path: 'kinesisShardCount', message: 'must be 1 to 200 shards' },
      { path: 'kinesisBatchSize', message: 'Kinesis event sources take 1 to 10000 records per batch' },
      { path: 'kinesisMaxBatchingWindowSeconds', message: 'Kinesis event sources batch for 0 to 300 seconds' },
    ]);
  });

  it('are reported when given without ingestTransport "kinesis", together with their other problems', () => {
    const error = configError({
      kinesisBatchSize: 0,
      kinesisShardCount: 2,
      ingestTransport: 'lambda',
      lookbackMinutes: 0,
    });

    expect(error.problems).toEqual(
      expect.arrayContaining([
        { path: 'kinesisBatchSize', message: 'Kinesis event sources take 1 to 10000 records per batch' },
        { path: 'lookbackMinutes', message: 'must be more than 0' },
        {
          path: 'kinesisShardCount',
          message: 'applies only to the Kinesis transport: set ingestTransport to "kinesis" or remove it',
        },
        {
          path: 'kinesisBatchSize',
          message: 'applies only to the Kinesis transport: set ingestTransport to "kinesis" or remove it',
        },
      ]),
    );
    expect(error.problems).toHaveLength(4);
  });

  it('reject a transport other than lambda or kinesis', () => {
    expect(configError({ ingestTransport: 'firehose' }).problems).toEqual([
      { path: 'ingestTransport', message: 'must be "lambda" or "kinesis"' },
    ]);
  });
});
