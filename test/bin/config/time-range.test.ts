import { parseTimeBound, parseTimeRange } from '../../../bin/config';

const NOW = Date.parse('2024-03-12T10:00:00Z');

describe('parseTimeBound', () => {
  it.each([
    ['2h', '2024-03-12T08:00:00.000Z'],
    ['90s', '2024-03-12T09:58:30.000Z'],
    ['1h30m', '2024-03-12T08:30:00.000Z'],
    ['1d', '2024-03-11T10:00:00.000Z'],
    ['now', '2024-03-12T10:00:00.000Z'],
    ['2024-03-12T09:00:00Z', '2024-03-12T09:00:00.000Z'],
    ['2024-03-12T11:00:00+02:00', '2024-03-12T09:00:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(new Date(parseTimeBound(text, NOW)).toISOString()).toBe(expected);
  });

  it.each(['2 hours', '-2h', '2024-03-12 09:00', 'yesterday', ''])('rejects %j, naming the option', (text) => {
    expect(() => parseTimeBound(text, NOW, '--until')).toThrow(/^--until .*expected a duration before now/);
  });
});

describe('parseTimeRange', () => {
  it('ends now when --until is not given', () => {
    expect(parseTimeRange('30m', undefined, NOW)).toEqual({ since: NOW - 1_800_000, until: NOW });
  });

  it('rejects a range that ends before it starts', () => {
    expect(() => parseTimeRange('1h', '2h', NOW)).toThrow('--since 1h is after --until 2h');
  });
});
