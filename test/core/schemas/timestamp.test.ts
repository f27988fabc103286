import { epochMillisFromNumber, parseTimestampText, timestampSchema } from '../../../lambdas/core/schemas';

const MARCH_12 = Date.UTC(2024, 2, 12, 9, 27, 5, 712);

describe('timestampSchema', () => {
  it.each([
    ['an ISO-8601 string with Z', '2024-03-12T09:27:05.712Z'],
    ['an ISO-8601 string without a zone (UTC)', '2024-03-12T09:27:05.712'],
    ['a space instead of T, without a zone (UTC)', '2024-03-12 09:27:05.712'],
    ['an offset', '2024-03-12T10:27:05.712+01:00'],
    ['epoch milliseconds', MARCH_12],
    ['epoch seconds with a fraction', MARCH_12 / 1000],
    ['epoch microseconds', MARCH_12 * 1000],
    ['epoch nanoseconds', MARCH_12 * 1e6],
  ])('reads %s as the same instant', (_, value) => {
    expect(timestampSchema.parse(value)).toBe(MARCH_12);
  });

  it('reads a date alone as midnight UTC and an RFC 2822 date that names its zone', () => {
    expect(timestampSchema.parse('2024-03-12')).toBe(Date.UTC(2024, 2, 12));
    expect(timestampSchema.parse('Tue, 12 Mar 2024 09:27:05 GMT')).toBe(Date.UTC(2024, 2, 12, 9, 27, 5));
  });

  it('keeps small epoch numbers as milliseconds', () => {
    expect(timestampSchema.parse(0)).toBe(0);
    expect(timestampSchema.parse(60_000)).toBe(60_000);
  });

  it.each([
    ['a number beyond the range of a date', 1e300, 'epoch time a date can hold'],
    ['a year past what a date can hold', '275760-09-14T00:00:00Z', 'not an ISO-8601 timestamp'],
    [
      'a string without a zone that only Date.parse reads (it would be local time)',
      'March 12, 2024 09:00',
      'not an ISO',
    ],
    ['text', 'yesterday', 'not an ISO-8601 timestamp'],
  ])('rejects %s with a message naming the value', (_, value, message) => {
    const result = timestampSchema.safeParse(value);

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });
});

describe('epochMillisFromNumber', () => {
  it('tells the unit from the magnitude', () => {
    expect(epochMillisFromNumber(1_710_235_625)).toBe(1_710_235_625_000);
    expect(epochMillisFromNumber(1_710_235_625_712)).toBe(1_710_235_625_712);
    expect(epochMillisFromNumber(Number.NaN)).toBeNaN();
  });
});

describe('parseTimestampText', () => {
  it('gives the same instant whatever the time zone of the process', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Tokyo';
      const tokyo = parseTimestampText('2024-03-12T09:27:05.712');
      process.env.TZ = 'America/Los_Angeles';
      const losAngeles = parseTimestampText('2024-03-12T09:27:05.712');

      expect([tokyo, losAngeles]).toEqual([MARCH_12, MARCH_12]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
