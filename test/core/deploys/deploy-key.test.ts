import { deploySortKey, deployWindowBounds, resolveService } from '../../../lambdas/core/deploys';

describe('deploy sort keys', () => {
  it('order deploys by time even when the timestamps have different numbers of digits', () => {
    const keys = [
      deploySortKey({ timestamp: 1_709_820_000_000, id: 'b' }),
      deploySortKey({ timestamp: 999, id: 'a' }),
      deploySortKey({ timestamp: 1000, id: 'c' }),
    ];

    expect([...keys].sort()).toEqual([keys[1], keys[2], keys[0]]);
  });

  it('window bounds take in deploys at both ends of the window and nothing outside it', () => {
    const { from, to } = deployWindowBounds(1000, 2000);
    const inside = (timestamp: number, id: string) => {
      const key = deploySortKey({ timestamp, id });
      return key >= from && key <= to;
    };

    expect([inside(999, 'z'), inside(1000, 'a'), inside(2000, 'codedeploy:d-ZZZZ~'), inside(2001, 'a')]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('rejects a window that ends before it starts, and a timestamp that is not whole milliseconds', () => {
    expect(() => deployWindowBounds(2000, 1000)).toThrow(/starts after it ends/);
    expect(() => deploySortKey({ timestamp: 1.5, id: 'a' })).toThrow(/non-negative integer/);
  });
});

describe('resolveService', () => {
  it('uses the first candidate the mapping knows, else the fallback', () => {
    const map = { 'cluster/api': 'api-prod', api: 'api' };

    expect(resolveService(map, ['cluster/api', 'api'], 'api')).toBe('api-prod');
    expect(resolveService(map, ['other/api', 'api'], 'api')).toBe('api');
    expect(resolveService(map, ['worker'], 'worker')).toBe('worker');
  });

  it('does not resolve a resource named after an Object.prototype property', () => {
    expect(resolveService({}, ['constructor', 'toString'], 'constructor')).toBe('constructor');
  });
});
