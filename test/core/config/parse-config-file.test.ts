import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analysisOptionsFrom, parseConfigFile, redactorFrom, serviceMapFrom } from '../../../lambdas/core/config';
import { SettingsError, stackSettingsOf } from '../../../lambdas/core/settings';
import { parseCulpritConfig } from '../../../lib/config';

const EXAMPLE = path.resolve(__dirname, '../../../examples/culprit.config.json');

function problemsOf(input: unknown): string[] {
  try {
    parseConfigFile(input);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems.map((p) => `${error.origin}: ${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('parseConfigFile', () => {
  it('accepts an empty file and applies the defaults the stack and the CLI share', () => {
    const config = parseConfigFile({});

    expect(config).toMatchObject({
      services: {},
      logGroups: [],
      maskPatterns: [],
      redactionPatterns: [],
      lookbackMinutes: 120,
      learningMinutes: 10,
      blameConfidence: 0.5,
      dependsOn: {},
      links: {},
    });
    expect(config.logFields).toBeUndefined();
  });

  it('reports a wrong service type with its JSON path in the file', () => {
    const problems = problemsOf({ services: { '/aws/lambda/x': 42 } });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^culprit\.config\.json: services\["\/aws\/lambda\/x"\]: .*expected string/);
  });

  it('reports every problem at once, each with its path', () => {
    const problems = problemsOf({
      blameConfidence: 2,
      lookbackMinutes: -5,
      maskPatterns: [{ name: 'order', pattern: 'ord-[' }],
      redactionPatterns: [{ name: 'token', pattern: '(unclosed' }],
      colour: 'blue',
    });

    expect(problems).toEqual(
      expect.arrayContaining([
        'culprit.config.json: blameConfidence: must be between 0 and 1',
        'culprit.config.json: lookbackMinutes: must be more than 0',
        expect.stringMatching(/^culprit\.config\.json: maskPatterns\[0\]\.name: mask names are upper-case/),
        expect.stringMatching(
          /^culprit\.config\.json: maskPatterns\[0\]\.pattern: "ord-\[" is not a regular expression/,
        ),
        expect.stringMatching(
          /^culprit\.config\.json: redactionPatterns\[0\]\.pattern: "\(unclosed" is not a regular expression/,
        ),
        'culprit.config.json: (root): unknown setting(s) "colour"',
      ]),
    );
  });

  it('rejects a log group whose service contradicts the services map', () => {
    const problems = problemsOf({
      services: { '/ecs/pay': 'payments' },
      logGroups: [{ name: '/ecs/pay', service: 'billing' }],
    });

    expect(problems).toEqual([
      'culprit.config.json: logGroups[0].service: says billing but services["/ecs/pay"] says payments',
    ]);
  });

  it('turns thresholds, masks and declared dependencies into analysis options', () => {
    const config = parseConfigFile({
      blameConfidence: 0.7,
      lookbackMinutes: 30,
      learningMinutes: 5,
      maskPatterns: [{ name: 'ORDER_ID', pattern: 'ord-\\d+' }],
      dependsOn: { checkout: ['payments'] },
    });

    expect(analysisOptionsFrom(config)).toEqual({
      miner: { maskPatterns: [{ name: 'ORDER_ID', pattern: 'ord-\\d+' }] },
      detect: { learningMs: 300_000 },
      rank: { lookbackMs: 1_800_000, blameThreshold: 0.7, dependsOn: { checkout: ['payments'] } },
    });
  });

  it('maps log groups to services, the logGroups entry winning', () => {
    const config = parseConfigFile({ services: { '/a': 'alpha' }, logGroups: ['/a', { name: '/b', service: 'beta' }] });

    expect([...serviceMapFrom(config)]).toEqual([
      ['/a', 'alpha'],
      ['/b', 'beta'],
    ]);
  });

  it('redacts every match of every redaction pattern', () => {
    const config = parseConfigFile({
      redactionPatterns: [
        { name: 'email', pattern: '\\S+@\\S+', replacement: '<EMAIL>' },
        { name: 'ip', pattern: '\\d+\\.\\d+\\.\\d+\\.\\d+' },
      ],
    });

    const line = redactorFrom(config)('login a@b.io from 10.0.0.1 then c@d.io');

    expect(line).toBe('login <EMAIL> from <REDACTED> then <EMAIL>');
  });

  it('reads the bundled example, which the CDK app accepts once the CLI-only keys are dropped', () => {
    const raw: unknown = JSON.parse(readFileSync(EXAMPLE, 'utf8'));

    const config = parseConfigFile(raw, 'examples/culprit.config.json');
    const cdk = parseCulpritConfig(stackSettingsOf(raw), 'examples/culprit.config.json');

    expect(config.blameConfidence).toBe(0.6);
    expect(cdk.blameConfidence).toBe(0.6);
    expect(cdk.lookbackMinutes).toBe(90);
    expect(cdk.services['/ecs/payments']).toBe('payments');
  });
});
