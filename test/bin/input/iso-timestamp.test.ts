import { parseIsoTimestamp } from '../../../bin/input/iso-timestamp';

describe('parseIsoTimestamp', () => {
  it('reads the common shapes without Date.parse', () => {
    const dateParse = jest.spyOn(Date, 'parse');

    try {
      expect(parseIsoTimestamp('2024-03-12T08:00:00.123Z')).toBe(Date.UTC(2024, 2, 12, 8, 0, 0, 123));
      expect(parseIsoTimestamp('2024-02-29T23:59:59+01:30')).toBe(Date.UTC(2024, 1, 29, 22, 29, 59));
      expect(parseIsoTimestamp('1969-12-31T23:59:59.999999-00:00')).toBe(-1);
      expect(parseIsoTimestamp('2024-03-12 08:00:00,123')).toBe(Date.UTC(2024, 2, 12, 8, 0, 0, 123));
      expect(dateParse).not.toHaveBeenCalled();
    } finally {
      dateParse.mockRestore();
    }
  });

  it('reads a date-time without a zone as UTC', () => {
    expect(parseIsoTimestamp('2024-03-12T08:00:00')).toBe(Date.UTC(2024, 2, 12, 8));
  });

  it.each([['2024-02-30T08:00:00Z'], ['2024-03-12T25:00:00Z'], ['2024-03-12T08:00:00Z trailing'], ['soon']])(
    'gives NaN for %j',
    (text) => {
      expect(parseIsoTimestamp(text)).toBeNaN();
    },
  );
});
