import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { logicalId, synthCulprit } from './synth-culprit';

const LOG_GROUPS = ['/aws/lambda/checkout', { name: '/ecs/payments', service: 'payments' }];

describe('the Culprit stack', () => {
  const { template } = synthCulprit({ logGroups: LOG_GROUPS, alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:ops' });

  it('creates four on-demand tables, encrypted, with point-in-time recovery, retained by default', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 4);
    template.allResourcesProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    template.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('expires template counts, deploys and incidents through TTL but keeps miner state', () => {
    const ttl = Object.entries(template.findResources('AWS::DynamoDB::Table')).map(([id, table]) => [
      id.replace(/^CulpritTables|[0-9A-F]{8}$/g, ''),
      (table as { Properties: { TimeToLiveSpecification?: { AttributeName: string } } }).Properties
        .TimeToLiveSpecification?.AttributeName ?? null,
    ]);

    expect(Object.fromEntries(ttl)).toEqual({
      MinerState: null,
      TemplateCounts: 'expiresAt',
      Deploys: 'expiresAt',
      Incidents: 'expiresAt',
    });
  });

  it('keys the deploys table by service and a time-ordered sort key', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'service', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    });
  });

  it('encrypts every queue and denies every request that does not use TLS', () => {
    template.resourceCountIs('AWS::SQS::Queue', 4);
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    for (const queueId of Object.keys(template.findResources('AWS::SQS::Queue'))) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('moves an anomaly batch that failed five times to its dead-letter queue and hides messages for six rank timeouts', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 360,
      RedrivePolicy: {
        maxReceiveCount: 5,
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(template, 'AWS::SQS::Queue', 'AnomaliesDeadLetter'), 'Arn'] },
      },
    });
  });

  it('feeds rank from the anomaly queue in batches, with partial batch failures and a concurrency cap', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(template, 'AWS::Lambda::Function', 'RankFunction') },
      EventSourceArn: { 'Fn::GetAtt': [logicalId(template, 'AWS::SQS::Queue', 'QueuesAnomalies7'), 'Arn'] },
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 30,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('subscribes each configured log group to ingest, each with an invoke permission for that group only', () => {
    const ingest = logicalId(template, 'AWS::Lambda::Function', 'IngestFunction');
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 2);
    for (const name of ['/aws/lambda/checkout', '/ecs/payments']) {
      template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
        LogGroupName: name,
        FilterPattern: '',
        DestinationArn: { 'Fn::GetAtt': [ingest, 'Arn'] },
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Principal: 'logs.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [ingest, 'Arn'] },
        SourceArn: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([`:log-group:${name}:*`])] }),
      });
    }
  });

  it('runs every function on nodejs22.x, arm64, with Powertools settings and its own expiring log group', () => {
    template.resourceCountIs('AWS::Lambda::Function', 4);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      LoggingConfig: { LogGroup: Match.anyValue() },
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: Match.stringLikeRegexp('^culprit-(ingest|rank|deploys|verify)$'),
          POWERTOOLS_LOG_LEVEL: 'INFO',
          POWERTOOLS_METRICS_NAMESPACE: 'Culprit',
        }),
      },
    });
    // One per function, and the verification state machine's.
    template.resourceCountIs('AWS::Logs::LogGroup', 5);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('gives the functions their tables, thresholds and the service map through the environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'culprit-rank',
          CULPRIT_DEPLOYS_TABLE: { Ref: logicalId(template, 'AWS::DynamoDB::Table', 'Deploys') },
          CULPRIT_BLAME_CONFIDENCE: '0.5',
          CULPRIT_LOOKBACK_MINUTES: '120', // the CLI's default too (lambdas/core/settings)
          CULPRIT_EVENT_BUS_NAME: { Ref: logicalId(template, 'AWS::Events::EventBus', 'EventBus') },
          CULPRIT_SERVICE_MAP: '{"/ecs/payments":"payments"}',
        }),
      },
    });
  });

  it('sends failed asynchronous invocations of ingest and deploys to their dead-letter queues after two retries', () => {
    for (const [fn, queue] of [
      ['IngestFunction', 'IngestDeadLetter'],
      ['DeploysFunction', 'DeploysDeadLetter'],
    ] as const) {
      const functionId = logicalId(template, 'AWS::Lambda::Function', fn);
      expect(template.toJSON().Resources[functionId].Properties.DeadLetterConfig).toEqual({
        TargetArn: { 'Fn::GetAtt': [logicalId(template, 'AWS::SQS::Queue', queue), 'Arn'] },
      });
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId },
        MaximumRetryAttempts: 2,
      });
    }
  });

  it('routes only finished deploys of each kind to the deploys function', () => {
    const deploys = { 'Fn::GetAtt': [logicalId(template, 'AWS::Lambda::Function', 'DeploysFunction'), 'Arn'] };
    const target = Match.arrayWith([Match.objectLike({ Arn: deploys, DeadLetterConfig: Match.anyValue() })]);
    template.resourceCountIs('AWS::Events::Rule', 5);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.codedeploy'],
        'detail-type': ['CodeDeploy Deployment State-change Notification'],
        detail: { state: ['SUCCESS'] },
      },
      Targets: target,
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ecs'],
        'detail-type': ['ECS Deployment State Change'],
        detail: { eventName: ['SERVICE_DEPLOYMENT_COMPLETED'] },
      },
      Targets: target,
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.cloudformation'],
        'detail-type': ['CloudFormation Stack Status Change'],
        detail: { 'status-details': { status: ['CREATE_COMPLETE', 'UPDATE_COMPLETE'] } },
      },
      Targets: target,
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.lambda'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['lambda.amazonaws.com'],
          eventName: [{ prefix: 'UpdateFunctionCode' }, { prefix: 'PublishVersion' }, { prefix: 'UpdateAlias' }],
          errorCode: [{ exists: false }],
        },
      },
      Targets: target,
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: logicalId(template, 'AWS::Events::EventBus', 'EventBus') },
      EventPattern: { source: ['culprit.deploy'] },
      Targets: target,
    });
  });

  it('creates the Culprit event bus under its configured name', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'culprit' });
  });

  it('alarms on every dead-letter queue and on every function error, notifying the given topic', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 7);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:ops'],
      OKActions: ['arn:aws:sns:eu-west-1:123456789012:ops'],
    });
    for (const queue of ['AnomaliesDeadLetter', 'IngestDeadLetter', 'DeploysDeadLetter']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(template, 'AWS::SQS::Queue', queue), 'QueueName'] } },
        ],
      });
    }
    for (const fn of ['IngestFunction', 'RankFunction', 'DeploysFunction', 'VerificationFunction']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(template, 'AWS::Lambda::Function', fn) } }],
      });
    }
  });

  it('outputs the queue URLs, table names, event bus, function names and the verification state machine', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(
      [
        'AnomalyQueueUrl',
        'AnomalyDeadLetterQueueUrl',
        'IngestDeadLetterQueueUrl',
        'DeploysDeadLetterQueueUrl',
        'MinerStateTableName',
        'TemplateCountsTableName',
        'DeploysTableName',
        'IncidentsTableName',
        'EventBusName',
        'EventBusArn',
        'IngestFunctionName',
        'RankFunctionName',
        'DeploysFunctionName',
        'VerificationStateMachineArn',
      ].sort(),
    );
  });
});

describe('the Culprit stack with other configurations', () => {
  it('reads its configuration from CDK context when given no props, JSON text included', () => {
    const { template } = synthCulprit(undefined, {
      context: { culprit: JSON.stringify({ logGroups: ['/from/context'], lookbackMinutes: 15 }) },
    });

    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', { LogGroupName: '/from/context' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CULPRIT_LOOKBACK_MINUTES: '15' }) },
    });
  });

  it('leaves out post-deploy verification when asked, and waits the configured minutes when given', () => {
    const { template: without } = synthCulprit({ logGroups: ['/a'], verification: false });
    const { template: quick } = synthCulprit({ logGroups: ['/a'], verification: { waitMinutes: 3 } });

    without.resourceCountIs('AWS::StepFunctions::StateMachine', 0);
    without.resourceCountIs('AWS::Lambda::Function', 3);
    expect(Object.keys(without.findOutputs('*'))).not.toContain('VerificationStateMachineArn');
    quick.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      DefinitionString: Match.objectLike({
        'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('"Seconds":180')])]),
      }),
    });
  });

  it('leaves out the CloudTrail rule and alarm actions when not asked for', () => {
    const { template } = synthCulprit({ logGroups: ['/a'], trackLambdaDeploys: false });

    template.resourceCountIs('AWS::Events::Rule', 4);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent() });
  });

  it('deletes tables, queues and log groups with the stack when the removal policy says destroy', () => {
    const { template } = synthCulprit({ logGroups: ['/a'], removalPolicy: 'destroy' });

    for (const type of ['AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::Logs::LogGroup']) {
      template.allResources(type, { DeletionPolicy: 'Delete' });
    }
  });

  it('switches to one account-wide invoke permission past twenty log groups, before any filter needs it', () => {
    const names = Array.from({ length: 21 }, (_, index) => `/service/${index}`);

    const { template } = synthCulprit({ logGroups: names });

    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 21);
    const permissions = template.findResources('AWS::Lambda::Permission', {
      Properties: { Principal: 'logs.amazonaws.com' },
    });
    expect(Object.keys(permissions)).toHaveLength(1);
    const [permissionId] = Object.keys(permissions);
    template.allResources('AWS::Logs::SubscriptionFilter', { DependsOn: Match.arrayWith([permissionId]) });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'logs.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([':log-group:*'])] },
    });
  });

  it('with a prefix, subscribes through an account-level policy that never delivers Culprit its own logs', () => {
    const { template } = synthCulprit({ logGroupPrefix: '/aws/lambda/shop-' });

    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 0);
    const policy = template.findResources('AWS::Logs::AccountPolicy');
    expect(Object.keys(policy)).toHaveLength(1);
    const text = JSON.stringify(policy);
    for (const fn of ['Ingest', 'Rank', 'Deploys']) {
      expect(text).toContain(logicalId(template, 'AWS::Logs::LogGroup', `${fn}LogGroup`));
    }
    template.hasResourceProperties('AWS::Logs::AccountPolicy', {
      PolicyType: 'SUBSCRIPTION_FILTER_POLICY',
      Scope: 'ALL',
      SelectionCriteria: { 'Fn::Join': ['', Match.arrayWith(['LogGroupName NOT IN ["'])] },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'culprit-ingest',
          CULPRIT_LOG_GROUP_PREFIX: '/aws/lambda/shop-',
        }),
      },
    });
  });

  it('warns at synth that no logs will be analysed when no log group is configured', () => {
    const { stack } = synthCulprit({});

    Annotations.fromStack(stack).hasWarning('/Test/Culprit', Match.stringLikeRegexp('No log groups configured'));
  });
});
