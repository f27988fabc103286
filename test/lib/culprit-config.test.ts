import { App, Stack } from 'aws-cdk-lib';
import { Culprit, SettingsError, parseCulpritConfig, readCulpritContext } from '../../lib';

function configError(input: unknown, origin?: string): SettingsError {
  try {
    parseCulpritConfig(input, origin);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('the Culprit configuration', () => {
  it('applies every default to an empty configuration', () => {
    expect(parseCulpritConfig({})).toEqual({
      logGroups: [],
      services: {},
      filterPattern: '',
      dependsOn: {},
      links: {},
      blameConfidence: 0.5,
      lookbackMinutes: 120,
      ingestFlushIntervalMs: 300_000,
      templateCountsRetentionDays: 14,
      deploysRetentionDays: 90,
      incidentsRetentionDays: 90,
      logRetentionDays: 30,
      eventBusName: 'culprit',
      trackLambdaDeploys: true,
      removalPolicy: 'retain',
      rankBatchSize: 10,
      rankMaxBatchingWindowSeconds: 30,
      rankMaxConcurrency: 5,
      ingestTransport: 'lambda',
      redactPatterns: [],
      triggerConfidence: 0.8,
      verification: true,
    });
  });

  it('reports every problem at once, each under its own path', () => {
    const error = configError(
      {
        logGroups: ['/ok', 'has spaces', { name: '/ok' }],
        logGroupPrefix: '/aws/',
        services: { '/ok': '' },
        blameConfidence: 1.5,
        lookbackMinutes: 2.5,
        logRetentionDays: 31,
        eventBusName: 'default',
        alarmTopicArn: 'ops-topic',
        rankMaxConcurrency: 1,
        rankMaxBatchingWindowSeconds: 301,
        retention: 7,
      },
      'context "culprit"',
    );

    expect(error.problems.map((problem) => problem.path).sort()).toEqual(
      [
        '(root)',
        'alarmTopicArn',
        'blameConfidence',
        'eventBusName',
        'logGroupPrefix',
        'logGroups[1]',
        'logGroups[2]',
        'logRetentionDays',
        'lookbackMinutes',
        'rankMaxBatchingWindowSeconds',
        'rankMaxConcurrency',
        'services["/ok"]',
      ].sort(),
    );
    expect(error.message).toMatch(/^Invalid Culprit configuration \(context "culprit"\), 12 problems:\n/);
    expect(error.message).toContain('  - (root): unknown setting(s) "retention"');
    expect(error.message).toContain('  - logGroups[2]: /ok is already listed at logGroups[0]');
  });

  it('rejects a log group whose service contradicts the services mapping', () => {
    const error = configError({
      logGroups: [{ name: '/ecs/payments', service: 'payments' }],
      services: { '/ecs/payments': 'billing' },
    });

    expect(error.problems).toEqual([
      { path: 'logGroups[0].service', message: 'says payments but services["/ecs/payments"] says billing' },
    ]);
  });

  it('rejects a service mapping too large to travel in a Lambda environment', () => {
    const services = Object.fromEntries(
      Array.from({ length: 120 }, (_, index) => [`/aws/lambda/service-number-${index}`, `service-${index}`]),
    );

    const error = configError({ services });

    expect(error.problems).toEqual([{ path: 'services', message: expect.stringMatching(/bytes as JSON; .*4 KB/) }]);
  });

  it("rejects a redaction pattern that is not a regular expression, naming it and the compiler's objection", () => {
    const error = configError({ redactPatterns: ['tenant-[a-z]+', 'card=(\\d+'] });

    expect(error.problems).toEqual([
      {
        path: 'redactPatterns[1]',
        message: expect.stringMatching(/^"card=\(\\\\d\+" is not a regular expression .*missing closing \)/i),
      },
    ]);
  });

  it('accepts Slack, a trigger state machine and verification settings, and rejects malformed ones', () => {
    const good = parseCulpritConfig({
      slackSecretName: 'culprit/slack',
      slackChannel: 'C0INCIDENTS',
      redactPatterns: ['\\bcard=\\d+'],
      triggerStateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:rollback',
      triggerConfidence: 0.9,
      verification: { waitMinutes: 5 },
    });
    const error = configError({
      slackChannel: 'C0INCIDENTS',
      triggerStateMachineArn: 'arn:aws:sns:eu-west-1:123456789012:ops',
      triggerConfidence: 1.5,
      verification: { waitMinutes: 2.5 },
    });

    expect(good).toMatchObject({
      slackSecretName: 'culprit/slack',
      triggerConfidence: 0.9,
      verification: { waitMinutes: 5 },
    });
    expect(error.problems.map((problem) => problem.path).sort()).toEqual([
      'slackChannel',
      'triggerConfidence',
      'triggerStateMachineArn',
      'verification',
    ]);
    expect(error.problems.find((problem) => problem.path === 'verification')?.message).toMatch(
      /whole minutes from 0 to 1440/,
    );
  });

  it('says which input was wrong when a value has the wrong type', () => {
    const error = configError({ logGroups: '/aws/lambda/checkout', trackLambdaDeploys: 'yes' });

    expect(error.problems.map((problem) => problem.path)).toEqual(['logGroups', 'trackLambdaDeploys']);
  });

  it('reads context given as an object or as JSON text, and rejects text that is not JSON', () => {
    const context = (value: unknown) => (key: string) => (key === 'culprit' ? value : undefined);

    expect(readCulpritContext(context({ lookbackMinutes: 5 }))).toEqual({ lookbackMinutes: 5 });
    expect(readCulpritContext(context('{"lookbackMinutes":5}'))).toEqual({ lookbackMinutes: 5 });
    expect(readCulpritContext(context(undefined))).toEqual({});
    expect(() => readCulpritContext(context('{lookbackMinutes:5'))).toThrow(
      /context "culprit".*\n {2}- \(root\): not JSON/,
    );
  });

  it('is validated by the construct itself, naming the construct that got it', () => {
    const stack = new Stack(
      new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } }),
      'S',
    );

    expect(() => new Culprit(stack, 'Pipeline', { blameConfidence: -1, lookbackMinutes: 0 })).toThrow(
      /props of S\/Pipeline\), 2 problems:\n {2}- blameConfidence: must be between 0 and 1\n {2}- lookbackMinutes: must be more than 0/,
    );
  });
});
