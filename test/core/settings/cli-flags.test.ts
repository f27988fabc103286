import { settingFlags, settingFlagValue } from '../../../lambdas/core/settings';

describe('settings given as command-line flags', () => {
  it('are checked by the same rule as in the config file', () => {
    const lookback = settingFlagValue('lookbackMinutes');

    expect(lookback.parse('90')).toBe(90);
    expect(lookback.parse(undefined)).toBeUndefined();
    expect(lookback.safeParse('1e9').error?.issues.map((issue) => issue.message)).toEqual([
      'must be at most a week (10080)',
    ]);
    expect(lookback.safeParse('2.5').error?.issues.map((issue) => issue.message)).toEqual(['must be whole minutes']);
    expect(lookback.safeParse('soon').success).toBe(false);
  });

  it("show the setting's unit and default in the help text", () => {
    const flags = settingFlags('analyze');

    expect(flags.map((flag) => [flag.long, flag.attribute])).toEqual([
      ['--blame-threshold', 'blameThreshold'],
      ['--lookback', 'lookback'],
      ['--learning', 'learning'],
      ['--threads', 'threads'],
    ]);
    expect(flags.find((flag) => flag.long === '--lookback')?.description).toBe(
      'how far before an incident deploys are suspects, in minutes (default: 120)',
    );
    expect(flags.find((flag) => flag.long === '--threads')?.description).toMatch(
      /\(default: one per core, at most one per file\)$/,
    );
  });
});
