import { Random, WeightedPicker } from '../../../bench/scenarios/random';

describe('Random', () => {
  it('gives the same numbers for the same seed and different ones for another', () => {
    const draw = (seed: string) =>
      Array.from(
        { length: 5 },
        (
          (random) => () =>
            random.next()
        )(new Random(seed)),
      );

    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('draws Poisson counts whose mean is the rate, for small and large rates', () => {
    const random = new Random('poisson');
    const mean = (rate: number): number => {
      let sum = 0;
      for (let i = 0; i < 100000; i += 1) sum += random.poisson(rate);
      return sum / 100000;
    };

    expect(Math.abs(mean(0.3) - 0.3)).toBeLessThan(0.02);
    expect(Math.abs(mean(4) - 4)).toBeLessThan(0.05);
    expect(Math.abs(mean(45) - 45)).toBeLessThan(0.3);
  });

  it('keeps forked streams independent of later draws on the parent', () => {
    const parent = new Random('fork');
    const child = parent.fork('x');
    const first = child.next();
    const again = new Random('fork').fork('x').next();

    expect(again).toBe(first);
  });
});

describe('WeightedPicker', () => {
  it('picks items in proportion to their weights', () => {
    const picker = new WeightedPicker(['frequent', 'rare'], [9, 1]);
    const random = new Random('weights');
    let rare = 0;
    for (let i = 0; i < 10000; i += 1) if (picker.pick(random) === 'rare') rare += 1;

    expect(rare / 10000).toBeCloseTo(0.1, 1);
  });
});
