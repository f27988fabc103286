import { SourceFormat } from '../../../lambdas/core/log-format';

const WORDS = ['cache warmed', 'request served', 'queue drained', 'retrying upload', 'session opened'];
const clock = (i: number): string =>
  `2026-12-03 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String((i * 7) % 1000).padStart(3, '0')}`;

describe('matching a line against a learnt layout', () => {
  it('takes a level the sample never showed when it is written like the ones it did', () => {
    // Prepare: a sample with three bracketed three-letter levels, none of them the fatal one
    const levels = ['[INF]', '[INF]', '[WRN]', '[DBG]'];
    const line = (i: number, level = levels[i % levels.length]): string =>
      `${clock(i)} +00:00 ${level} ${WORDS[i % WORDS.length]} ${i}`;
    const format = new SourceFormat({ rules: false });
    format.learn(Array.from({ length: 80 }, (_, i) => line(i)));

    // Act
    const fatal = format.parse(line(81, '[FTL]'));
    const unlike = format.parse(line(82, '[fatal-ish]'));

    // Assess
    expect(fatal).toMatchObject({ format: 'header', message: `${WORDS[81 % WORDS.length]} 81` });
    expect(unlike.format).toBe('plain');
  });
});
