import { SourceFormat, inferLayout, parseSourceFormatState } from '../../../lambdas/core/log-format';

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

describe('a layout with fields between tabs or pipes, then a header field before the message', () => {
  const loggers = ['app.jobs.Scheduler#run:', 'app.http.Server#accept:', 'app.store.Cache#evict:'];
  const tabbed = (i: number): string =>
    `${clock(i)}+0000 [id=${100 + (i % 37)}]\t${i % 9 === 0 ? 'WARNING' : 'INFO'}\t${loggers[i % 3]} ${WORDS[i % WORDS.length]} ${i}`;

  it('learns the logger that starts the last tab field as header', () => {
    // Prepare
    const format = new SourceFormat({ rules: false });

    // Act
    const parsed = format.parseAll(Array.from({ length: 80 }, (_, i) => tabbed(i)));

    // Assess
    expect(format.layouts[0]?.split).toBe('tab');
    expect(format.layouts[0]?.inner?.at(-1)).toMatchObject({ kind: 'name', endsWith: ':' });
    expect(parsed[4]).toMatchObject({ message: `${WORDS[4]} 4`, level: 'INFO', component: 'app.http.Server#accept' });
    expect(parsed[9]?.level).toBe('WARN');
  });

  it('keeps the whole last field as message on a line without the inner field', () => {
    const format = new SourceFormat({ rules: false });
    format.learn(Array.from({ length: 80 }, (_, i) => tabbed(i)));

    const parsed = format.parse(`${clock(90)}+0000 [id=7]\tINFO\tplain text without a logger`);

    expect(parsed).toMatchObject({ format: 'header', message: 'plain text without a logger', level: 'INFO' });
  });

  it('learns a `name - ` prefix after pipe-separated fields', () => {
    const names = ['billing', 'gateway', 'worker'];
    const piped = (i: number): string =>
      `${i % 6 === 0 ? 'ERROR' : 'INFO'} | ${clock(i)} | ${names[i % 3]} - ${WORDS[i % WORDS.length]} ${i}`;

    const format = new SourceFormat({ rules: false });
    const parsed = format.parseAll(Array.from({ length: 80 }, (_, i) => piped(i)));

    expect(format.layouts[0]?.split).toBe('pipe');
    expect(parsed[7]).toMatchObject({ message: `${WORDS[7 % WORDS.length]} 7`, level: 'INFO' });
  });

  it('leaves the first words of tab-separated messages alone when nothing closes them like a header', () => {
    const runtime = (i: number): string =>
      `${clock(i)}Z\t${'0123abcd'.repeat(4).slice(i % 8, (i % 8) + 8)}-0000-4000\tINFO\t${WORDS[i % WORDS.length]} ${i}`;

    const flood = (i: number): string => runtime(i).replace(/\t[^\t]*$/, `\tgenerating core.${i * 17}`);

    expect(inferLayout(Array.from({ length: 80 }, (_, i) => runtime(i)))?.inner).toBeUndefined();
    expect(inferLayout(Array.from({ length: 80 }, (_, i) => flood(i)))?.inner).toBeUndefined();
  });

  it('stores and restores the inner columns with the layout', () => {
    const format = new SourceFormat({ rules: false });
    format.learn(Array.from({ length: 80 }, (_, i) => tabbed(i)));

    const restored = parseSourceFormatState(JSON.parse(JSON.stringify(format.state())));

    expect(restored?.layouts[0]?.inner).toEqual(format.layouts[0]?.inner);
  });
});

describe('a header field only some lines carry', () => {
  const components = ['cache:', 'http:', 'store:'];
  const line = (i: number): string =>
    `${clock(i)} ${i % 8 === 0 ? 'WARN' : 'INFO'} ${i % 3 === 0 ? `[req-${(i * 7919) % 100000}] ` : ''}${components[i % 3 === 0 ? 1 : i % 2]} ${WORDS[i % WORDS.length]} ${i}`;

  it('is learnt as an optional column, so the fields after it stay header on every line', () => {
    // Prepare
    const format = new SourceFormat({ rules: false });

    // Act
    const parsed = format.parseAll(Array.from({ length: 90 }, (_, i) => line(i)));

    // Assess
    expect(format.layouts[0]?.columns.some((column) => column.optional === true)).toBe(true);
    expect(parsed[3]).toMatchObject({ message: `${WORDS[3]} 3`, component: 'http' });
    expect(parsed[4]).toMatchObject({ message: `${WORDS[4]} 4`, component: 'cache' });
  });

  it('stays message when it ends the header, as a message may start with a bracket', () => {
    const trailing = (i: number): string =>
      `${clock(i)} INFO ${i % 3 === 0 ? `[client 10.0.0.${i % 250}] ` : ''}${WORDS[i % WORDS.length]} ${i}`;

    const layout = inferLayout(Array.from({ length: 90 }, (_, i) => trailing(i)));

    expect(layout?.columns.some((column) => column.optional === true)).toBe(false);
  });
});
