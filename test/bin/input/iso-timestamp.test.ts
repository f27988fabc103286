import { parseIsoTimestamp, scanLeadingIsoTimestamp } from '../../../bin/input/iso-timestamp';
import { parseLeadingTimestamp, parseLeadingTimestampByPattern } from '../../../bin/input/text-log-reader';
import { loghubLines, seeded } from './fixtures';

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Date-times around every edge the scanner checks: month lengths, leap years, 24:00, leap seconds, zones, fractions. */
function dateTimes(
  random: () => number,
  count: number,
  joints: readonly string[],
  fractions: readonly string[],
  zones: readonly string[],
): string[] {
  const years = [0, 1, 99, 100, 400, 1900, 1969, 1970, 2000, 2023, 2024, 2100, 9999];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const date = `${pad(pick(random, years), 4)}-${pad(Math.floor(random() * 14), 2)}-${pad(pick(random, [0, 1, 15, 28, 29, 30, 31, 32]), 2)}`;
    const time = `${pad(pick(random, [0, 9, 23, 24, 25]), 2)}:${pad(pick(random, [0, 30, 59, 60]), 2)}`;
    const seconds = pick(random, ['', ':00', ':07', ':59', ':60', ':6']);
    out.push(`${date}${pick(random, joints)}${time}${seconds}${pick(random, fractions)}${pick(random, zones)}`);
  }
  return out;
}

/** `text` with one character replaced, inserted or removed at a random place. */
function mutated(random: () => number, text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  const char = pick(random, ['0', '9', '-', ':', '.', ',', 'T', 'Z', 'z', '+', ' ', '\t', 'a', '\u00a0']);
  const how = random();
  if (how < 0.4) return text.slice(0, at) + char + text.slice(at + 1);
  if (how < 0.8) return text.slice(0, at) + char + text.slice(at);
  return text.slice(0, at) + text.slice(at + 1);
}

describe('parseIsoTimestamp', () => {
  it('reads the common shapes without Date.parse', () => {
    const dateParse = jest.spyOn(Date, 'parse');

    try {
      expect(parseIsoTimestamp('2024-03-12T08:00:00.123Z')).toBe(Date.UTC(2024, 2, 12, 8, 0, 0, 123));
      expect(parseIsoTimestamp('2024-02-29T23:59:59+01:30')).toBe(Date.UTC(2024, 1, 29, 22, 29, 59));
      expect(parseIsoTimestamp('1969-12-31T23:59:59.999999-00:00')).toBe(-1);
      expect(dateParse).not.toHaveBeenCalled();
    } finally {
      dateParse.mockRestore();
    }
  });

  it('gives exactly what Date.parse gives, for every shape near the edges and their mutations', () => {
    // Prepare
    const random = seeded(11);
    const texts = dateTimes(
      random,
      4000,
      ['T', 'T', 't', ' '],
      ['', '', '.1', '.12', '.123', '.123456', '.123456789', '.1234567891', '.', ',5'],
      ['Z', 'Z', '+01:00', '-05:30', '+23:59', '+24:00', '-00:00', '+0100', '+01', 'z', ''],
    );
    texts.push(...texts.slice(0, 3000).map((text) => mutated(random, text)));

    // Act
    const differing = texts.filter((text) => !Object.is(parseIsoTimestamp(text), Date.parse(text)));

    // Assess
    expect(differing).toEqual([]);
  });
});

describe('the leading timestamp of a text line', () => {
  const messages = loghubLines('Zookeeper', 40).map((line) => line.slice(24));

  it('is read without the pattern in the shapes logs use most', () => {
    const lines = [
      '2024-03-12T08:00:00.123Z GET /',
      '2015-07-29 17:41:44,747 - INFO  [main] - started',
      '2024-03-12T09:00:00+01:00 up',
      '2024-03-12 08:00 up',
    ];

    const scanned = lines.map((line) => scanLeadingIsoTimestamp(line));

    expect(scanned.map((millis) => Number.isNaN(millis))).toEqual([false, false, false, false]);
    expect(scanned).toEqual(lines.map((line) => parseLeadingTimestampByPattern(line)?.millis));
  });

  it('is what the reference pattern reads, for real lines behind timestamps near the edges and their mutations', () => {
    // Prepare
    const random = seeded(23);
    const stamps = dateTimes(
      random,
      4000,
      ['T', ' ', 't'],
      ['', '', '.123', ',747', '.5', '.123456789', '.1234567891', ',', '.'],
      ['', '', 'Z', '+01:00', '+0100', '+01', ' +01:00', ' Z', ' -', '-05:30', '+24:00', 'Zabc', 'abc'],
    );
    const lines = stamps.map(
      (stamp) => `${stamp}${pick(random, [' ', ' ', '\t', '', '  ', ' - '])}${pick(random, messages)}`,
    );
    lines.push(...lines.slice(0, 3000).map((line) => mutated(random, line)));

    // Act
    const differing = lines.filter(
      (line) => JSON.stringify(parseLeadingTimestamp(line)) !== JSON.stringify(parseLeadingTimestampByPattern(line)),
    );

    // Assess
    expect(differing).toEqual([]);
  });
});
