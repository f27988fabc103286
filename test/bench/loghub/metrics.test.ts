import { groupingScore, parsingAccuracy } from '../../../bench/loghub';

describe('groupingScore', () => {
  it('scores a perfect grouping 1 whatever the predicted labels are called', () => {
    const score = groupingScore(['A', 'A', 'B'], ['x', 'x', 'y']);
    expect(score).toMatchObject({ ga: 1, fga: 1, correctGroups: 2, truthGroups: 2, predictedGroups: 2 });
  });

  it('counts no line of a true group that was split across two predicted groups', () => {
    // Prepare: A is split over x and z; B is exactly y
    const truth = ['A', 'A', 'A', 'B'];
    const predicted = ['x', 'x', 'z', 'y'];

    // Act
    const score = groupingScore(truth, predicted);

    // Assess
    expect(score.ga).toBeCloseTo(1 / 4);
    expect(score.precision).toBeCloseTo(1 / 3);
    expect(score.recall).toBeCloseTo(1 / 2);
    expect(score.fga).toBeCloseTo((2 * (1 / 3) * (1 / 2)) / (1 / 3 + 1 / 2));
  });

  it('counts no line of true groups merged into one predicted group', () => {
    const score = groupingScore(['A', 'A', 'B', 'C'], ['x', 'x', 'x', 'y']);
    expect(score).toMatchObject({ ga: 0.25, correctGroups: 1, truthGroups: 3, predictedGroups: 2 });
  });

  it('refuses label lists of different lengths', () => {
    expect(() => groupingScore(['A'], [])).toThrow(RangeError);
  });
});

describe('parsingAccuracy', () => {
  it('is the share of lines whose template equals the true one', () => {
    expect(parsingAccuracy(['a <*>', 'a <*>', 'b', 'c'], ['a <*>', 'a <*>', 'b <*>', 'c'])).toBe(0.75);
  });
});
