import type { Template } from 'aws-cdk-lib/assertions';
import { logicalId, synthCulprit } from './synth-culprit';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every action a function's role may take, as `action on <resource logical id>`. */
function permissionsOf(template: Template, functionFragment: string): string[] {
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;
  const fn = resources[logicalId(template, 'AWS::Lambda::Function', functionFragment)];
  if (fn === undefined) throw new Error(`no function ${functionFragment} in the template`);
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const role = resources[roleId];
  const permissions: string[] = [];
  for (const policy of Object.values(resources)) {
    if (policy.Type !== 'AWS::IAM::Policy') continue;
    const roles = policy.Properties.Roles as { Ref: string }[];
    if (!roles.some((ref) => ref.Ref === roleId)) continue;
    for (const statement of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
      expect(statement.Effect).toBe('Allow');
      const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
      const targets = (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]).map(
        describeResource,
      );
      for (const action of actions) for (const target of targets) permissions.push(`${action} on ${target}`);
    }
  }
  expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
  return permissions;
}

function describeResource(resource: unknown): string {
  if (typeof resource === 'string') return resource;
  const getAtt = (resource as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  if (getAtt !== undefined) return getAtt[0].replace(/^Culprit(Tables|Queues)?|[0-9A-F]{8}$/g, '');
  return JSON.stringify(resource);
}

/** The distinct resources a function may act on. */
function resourcesOf(permissions: readonly string[]): string[] {
  return [...new Set(permissions.map((permission) => permission.split(' on ')[1] ?? ''))].sort();
}

describe('least-privilege permissions of the Culprit functions', () => {
  const { template } = synthCulprit({ logGroups: ['/aws/lambda/checkout'] });

  it('lets ingest send to the anomaly queue and use miner state and template counts, and nothing else', () => {
    const ingest = permissionsOf(template, 'IngestFunction');

    expect(resourcesOf(ingest)).toEqual([
      'Anomalies',
      'IngestDeadLetter',
      'IngestLogGroup',
      'MinerState',
      'TemplateCounts',
    ]);
    expect(ingest).toEqual(
      expect.arrayContaining([
        'sqs:SendMessage on Anomalies',
        'dynamodb:PutItem on MinerState',
        'dynamodb:UpdateItem on TemplateCounts',
      ]),
    );
    expect(ingest).not.toContain('sqs:ReceiveMessage on Anomalies');
  });

  it('grants ingest and rank exactly the DynamoDB calls they make (no Scan, DeleteItem, BatchWriteItem or streams)', () => {
    const dynamo = (fn: string) =>
      [...new Set(permissionsOf(template, fn).filter((permission) => permission.startsWith('dynamodb:')))].sort();

    expect(dynamo('IngestFunction')).toEqual([
      'dynamodb:GetItem on MinerState',
      'dynamodb:GetItem on TemplateCounts',
      'dynamodb:PutItem on MinerState',
      'dynamodb:PutItem on TemplateCounts',
      'dynamodb:UpdateItem on TemplateCounts',
    ]);
    expect(dynamo('RankFunction')).toEqual([
      'dynamodb:GetItem on Incidents',
      'dynamodb:GetItem on MinerState',
      'dynamodb:PutItem on Incidents',
      'dynamodb:Query on Deploys',
      'dynamodb:Query on Incidents',
      'dynamodb:Query on TemplateCounts',
      'dynamodb:UpdateItem on Incidents',
    ]);
  });

  it('lets rank read deploys, template counts and miner state, keep incidents and publish to the Culprit bus, but write none of the first three', () => {
    const rank = permissionsOf(template, 'RankFunction');

    expect(resourcesOf(rank)).toEqual([
      'Anomalies',
      'Deploys',
      'EventBus',
      'Incidents',
      'MinerState',
      'RankLogGroup',
      'TemplateCounts',
    ]);
    expect(rank).toEqual(
      expect.arrayContaining([
        'dynamodb:Query on Deploys',
        'dynamodb:Query on TemplateCounts',
        'dynamodb:PutItem on Incidents',
        'events:PutEvents on EventBus',
        'sqs:ReceiveMessage on Anomalies',
        'sqs:DeleteMessage on Anomalies',
      ]),
    );
    expect(
      rank.filter(
        (permission) =>
          /Deploys|TemplateCounts|MinerState/.test(permission) && /Put|Update|Delete|BatchWrite/.test(permission),
      ),
    ).toEqual([]);
    expect(rank).not.toContain('sqs:SendMessage on Anomalies');
  });

  it('lets deploys do nothing but a PutItem on the deploys table (and write its log and dead letters)', () => {
    expect(permissionsOf(template, 'DeploysFunction').sort()).toEqual(
      [
        'dynamodb:PutItem on Deploys',
        'logs:CreateLogStream on DeploysLogGroup',
        'logs:PutLogEvents on DeploysLogGroup',
        'sqs:SendMessage on DeploysDeadLetter',
      ].sort(),
    );
  });

  it('grants no wildcard action and no wildcard resource to any function', () => {
    const all = ['IngestFunction', 'RankFunction', 'DeploysFunction'].flatMap((fn) => permissionsOf(template, fn));

    expect(all.filter((permission) => permission.includes('*'))).toEqual([]);
  });

  it('lets only CloudWatch Logs and EventBridge invoke the functions', () => {
    const principals = Object.values(template.findResources('AWS::Lambda::Permission')).map(
      (permission) => (permission as { Properties: { Principal: string } }).Properties.Principal,
    );

    expect([...new Set(principals)].sort()).toEqual(['events.amazonaws.com', 'logs.amazonaws.com']);
  });
});

describe('permissions for Slack, the trigger state machine and verification', () => {
  const SECRET = 'culprit/slack';
  const MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:rollback';
  const { template } = synthCulprit({
    logGroups: ['/aws/lambda/checkout'],
    slackSecretName: SECRET,
    triggerStateMachineArn: MACHINE,
  });

  it('lets rank read only the configured Slack secret (any version suffix) and start only the configured state machine', () => {
    const rank = permissionsOf(template, 'RankFunction');
    const secrets = rank.filter((permission) => permission.startsWith('secretsmanager:'));
    const states = rank.filter((permission) => permission.startsWith('states:'));

    expect(secrets.map((permission) => permission.split(' on ')[0]).sort()).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
    ]);
    for (const permission of secrets) expect(permission).toMatch(/secret:culprit\/slack-\?\?\?\?\?\?/);
    expect(states).toEqual([`states:StartExecution on ${MACHINE}`]);
  });

  it('gives rank no Secrets Manager or Step Functions permission when neither is configured', () => {
    const { template: plain } = synthCulprit({ logGroups: ['/aws/lambda/checkout'] });

    expect(
      permissionsOf(plain, 'RankFunction').filter((permission) => /^(secretsmanager|states):/.test(permission)),
    ).toEqual([]);
  });

  it('lets the verify function read only the configured log groups, and no other function touch the secret or the machine', () => {
    const verify = permissionsOf(template, 'VerificationFunction');
    const others = ['IngestFunction', 'DeploysFunction', 'VerificationFunction'].flatMap((fn) =>
      permissionsOf(template, fn),
    );

    expect(verify.filter((permission) => permission.startsWith('logs:FilterLogEvents'))).toHaveLength(1);
    expect(verify.find((permission) => permission.startsWith('logs:FilterLogEvents'))).toContain(
      'log-group:/aws/lambda/checkout:*',
    );
    expect(others.filter((permission) => /^(secretsmanager|states):/.test(permission))).toEqual([]);
  });
});
