import { deploysEnvSchema, ingestEnvSchema, parseEnv, rankEnvSchema } from '../../lambdas/common';
import { logicalId, synthCulprit } from './synth-culprit';

/** The environment a function gets at deploy time, with CloudFormation references filled in. */
function deployedEnvironment(
  functionFragment: string,
  template: ReturnType<typeof synthCulprit>['template'],
): Record<string, string> {
  const fn = template.toJSON().Resources[logicalId(template, 'AWS::Lambda::Function', functionFragment)];
  const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : `resolved-${JSON.stringify(value).length}`,
    ]),
  );
}

describe('the environment the stack gives each function', () => {
  const { template } = synthCulprit({
    logGroupPrefix: '/aws/lambda/shop-',
    services: { 'shop-cart': 'cart' },
    blameConfidence: 0.7,
    lookbackMinutes: 20,
    deploysRetentionDays: 30,
  });

  it('is exactly what the ingest handler parses', () => {
    expect(parseEnv(ingestEnvSchema, deployedEnvironment('IngestFunction', template), 'ingest')).toEqual({
      anomalyQueueUrl: expect.stringMatching(/^resolved-/),
      deadLetterQueueUrl: expect.stringMatching(/^resolved-/),
      minerStateTable: expect.stringMatching(/^resolved-/),
      templateCountsTable: expect.stringMatching(/^resolved-/),
      templateCountsTtlDays: 14,
      serviceMap: { 'shop-cart': 'cart' },
      logGroupPrefix: '/aws/lambda/shop-',
      flushIntervalMs: 300_000,
      maxBufferedLines: 200_000,
      maxBufferedDeliveries: 2000,
    });
  });

  it('is exactly what the rank handler parses', () => {
    expect(parseEnv(rankEnvSchema, deployedEnvironment('RankFunction', template), 'rank')).toEqual({
      templateCountsTable: expect.stringMatching(/^resolved-/),
      minerStateTable: expect.stringMatching(/^resolved-/),
      deploysTable: expect.stringMatching(/^resolved-/),
      incidentsTable: expect.stringMatching(/^resolved-/),
      incidentsTtlDays: 90,
      eventBusName: expect.stringMatching(/^resolved-/),
      blameConfidence: 0.7,
      lookbackMinutes: 20,
      serviceMap: { 'shop-cart': 'cart' },
      redactPatterns: [],
      triggerConfidence: 0.8,
      dependsOn: {},
      links: {},
    });
  });

  it('is exactly what the rank handler parses when Slack and a state machine are configured', () => {
    const { template: notifying } = synthCulprit({
      logGroups: ['/ecs/checkout'],
      slackSecretName: 'culprit/slack',
      slackChannel: 'C0INCIDENTS',
      redactPatterns: ['tenant-[a-z]+', '\\bcard=\\d+'],
      triggerStateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:rollback',
      triggerConfidence: 0.9,
    });

    expect(parseEnv(rankEnvSchema, deployedEnvironment('RankFunction', notifying), 'rank')).toMatchObject({
      slackSecretName: 'culprit/slack',
      slackChannel: 'C0INCIDENTS',
      redactPatterns: ['tenant-[a-z]+', '\\bcard=\\d+'],
      triggerStateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:rollback',
      triggerConfidence: 0.9,
    });
  });

  it('is exactly what the deploys handler parses', () => {
    expect(parseEnv(deploysEnvSchema, deployedEnvironment('DeploysFunction', template), 'deploys')).toEqual({
      deploysTable: expect.stringMatching(/^resolved-/),
      deploysTtlDays: 30,
      serviceMap: { 'shop-cart': 'cart' },
    });
  });
});
