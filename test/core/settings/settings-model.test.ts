import {
  SETTINGS,
  SettingsError,
  allSettings,
  envSettingsFields,
  parseSettings,
  settingsEnvironment,
  type LambdaName,
} from '../../../lambdas/core/settings';

function problems(surface: 'stack' | 'file', input: unknown): string[] {
  try {
    parseSettings(surface, input, 'test');
  } catch (error) {
    if (error instanceof SettingsError) return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
    throw error;
  }
  throw new Error('expected the settings to be rejected');
}

/** What `fn`'s handler reads back from the environment the stack writes for `settings`. */
function decodedEnvironment(fn: LambdaName, settings: Record<string, unknown>): Record<string, unknown> {
  const environment = settingsEnvironment(fn, settings);
  return Object.fromEntries(
    envSettingsFields(fn).map((field) => [field.key, field.field.parse(environment[field.variable])]),
  );
}

describe('the settings model', () => {
  it('declares each setting with a one-line doc and the surfaces its env and flag need', () => {
    for (const [name, setting] of allSettings()) {
      expect({ name, doc: setting.doc }).toEqual({ name, doc: expect.stringMatching(/^[^\n]{10,160}$/) });
      expect({ name, env: setting.env !== undefined }).toEqual({ name, env: setting.where.includes('env') });
      expect({ name, cli: setting.cli !== undefined }).toEqual({ name, cli: setting.where.includes('cli') });
    }
  });

  it('gives the stack and the config file the same defaults', () => {
    const stack: Record<string, unknown> = parseSettings('stack', {}, 'props');
    const file: Record<string, unknown> = parseSettings('file', {}, 'file');

    const shared = Object.keys(stack).filter((key) => key in file);

    expect(shared.length).toBeGreaterThan(20);
    for (const key of shared) expect({ key, value: file[key] }).toEqual({ key, value: stack[key] });
    expect(stack.lookbackMinutes).toBe(120);
  });

  it('refuses on the stack what only the CLI reads, naming it', () => {
    expect(problems('stack', { learningMinutes: 5, maskPatterns: [] })).toEqual([
      '(root): unknown setting(s) "learningMinutes", "maskPatterns"',
    ]);
  });

  it('takes a service dependency map and refuses a service that depends on itself', () => {
    const settings = parseSettings('file', { dependsOn: { checkout: ['payments', 'inventory'] } }, 'file');

    expect(settings.dependsOn).toEqual({ checkout: ['payments', 'inventory'] });
    expect(problems('file', { dependsOn: { checkout: ['checkout'], cart: [''] } })).toEqual([
      'dependsOn.cart[0]: a service name cannot be empty',
      'dependsOn["checkout"]: checkout cannot depend on itself',
    ]);
  });

  it('takes commit and CI run link templates and refuses ones without their placeholder or not http(s)', () => {
    const links = {
      commit: 'https://github.com/acme/shop/commit/{commit}',
      ciRun: 'https://ci.acme.example/{service}/builds/{version}',
    };

    expect(parseSettings('stack', { links }, 'props').links).toEqual(links);
    expect(problems('stack', { links: { commit: 'https://git.example/{sha}', ciRun: 'ftp://ci/{version}' } })).toEqual([
      'links.commit: unknown placeholder(s) {sha}; known: {commit}, {version}, {service}, {id}',
      'links.commit: must contain {commit}, e.g. https://github.com/ORG/REPO/…/{commit}',
      'links.ciRun: must be an http(s) URL with placeholders',
    ]);
    expect(problems('file', { links: { ciRun: 'https://ci.acme.example/latest' } })).toEqual([
      'links.ciRun: must contain at least one of {commit}, {version}, {service}, {id}',
    ]);
  });

  it('takes a JSON field mapping for structured logs that names at least the message field', () => {
    const logFields = { timestamp: '@timestamp', message: 'msg', level: 'log.level', service: 'app' };

    expect(parseSettings('file', { logFields }, 'file').logFields).toEqual(logFields);
    expect(problems('file', { logFields: { timestamp: 'time', level: 'log..level' } })).toEqual([
      'logFields.message: Invalid input: expected string, received undefined',
      'logFields.level: a field name, or a dotted path such as log.level, without spaces',
    ]);
  });

  it('carries the new settings to the functions that read them, unchanged', () => {
    const settings = parseSettings(
      'stack',
      {
        dependsOn: { checkout: ['payments'] },
        links: { commit: 'https://github.com/acme/shop/commit/{commit}' },
        logFields: { message: 'msg' },
      },
      'props',
    );

    expect(decodedEnvironment('rank', settings)).toMatchObject({
      dependsOn: settings.dependsOn,
      links: settings.links,
    });
    expect(decodedEnvironment('ingest', settings)).toMatchObject({ logFields: { message: 'msg' } });
  });

  it('reads back from the environment every setting a function gets, as the stack validated it', () => {
    const settings = parseSettings(
      'stack',
      { logGroupPrefix: '/aws/lambda/shop-', slackSecretName: 'culprit/slack', redactPatterns: ['card=\\d+'] },
      'props',
    );

    for (const fn of ['ingest', 'rank', 'deploys'] as const) {
      const decoded = decodedEnvironment(fn, settings);
      for (const field of envSettingsFields(fn)) {
        const name = Object.entries(SETTINGS).find(([, setting]) => setting.env?.variable === field.variable)?.[0];
        const expected = name === undefined ? undefined : (settings as Record<string, unknown>)[name];
        if (expected !== undefined)
          expect({ fn, [field.key]: decoded[field.key] }).toEqual({ fn, [field.key]: expected });
      }
    }
  });

  it('names the variable and the problem when an environment value is malformed', () => {
    const lookback = envSettingsFields('rank').find((field) => field.key === 'lookbackMinutes');

    const parsed = lookback?.field.safeParse('1e9');

    expect(parsed?.success).toBe(false);
    expect(parsed?.error?.issues[0]?.message).toBe('must be at most a week (10080)');
  });
});
