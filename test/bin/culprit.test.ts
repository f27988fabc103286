/** The `culprit` program as users run it: usage errors and its settings' flags. */
import { buildCli, type BuiltCli } from '../support/built-cli';

let cli: BuiltCli;

beforeAll(() => {
  cli = buildCli();
});

afterAll(() => cli.remove());

describe('the culprit program', () => {
  it('exits 2, naming the option, when a required option is missing', async () => {
    const analyze = await cli.run(['analyze', '--logs', 'examples/incident/logs']);
    const mine = await cli.run(['mine']);

    expect(analyze.code).toBe(2);
    expect(analyze.stderr).toMatch(/required option '-d, --deploys <file>' not specified/);
    expect(mine.code).toBe(2);
    expect(mine.stderr).toMatch(/required option '-i, --input <file>' not specified/);
  });

  it('exits 2 for an unknown flag, and 0 for --help', async () => {
    const unknown = await cli.run(['analyze', '--deploys', 'd.json', '--colour']);
    const help = await cli.run(['analyze', '--help']);

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--colour'/);
    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      '--lookback <minutes> how far before an incident deploys are suspects, in minutes (default: 120)',
    );
  });

  it('refuses a lookback the config file would refuse, naming the flag', async () => {
    const run = await cli.run([
      'analyze',
      '--logs',
      'examples/incident/logs',
      '--deploys',
      'examples/incident/deploys.json',
      '--lookback',
      '1e9',
      '--blame-threshold',
      '2',
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'culprit analyze: --lookback: must be at most a week (10080); --blame-threshold: must be between 0 and 1\n',
    );
  });
});
