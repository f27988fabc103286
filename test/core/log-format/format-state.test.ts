import { SourceFormat, parseSourceFormatState, restoreSourceFormat } from '../../../lambdas/core/log-format';

const pipeLine = (i: number): string =>
  `${i % 5 === 0 ? 'ERROR' : 'INFO'}|2026-12-03 10:${String(i % 60).padStart(2, '0')}:00.123|worker-${i % 4}|job ${i} finished in ${i * 3} ms`;

describe('a SourceFormat stored and restored', () => {
  const lines = Array.from({ length: 80 }, (_, i) => pipeLine(i));

  it('splits lines after a JSON round trip exactly as before, without learning again', () => {
    // Prepare
    const learnt = new SourceFormat();
    learnt.prime(lines);
    const stored: unknown = JSON.parse(JSON.stringify(learnt.state()));

    // Act
    const restored = restoreSourceFormat(stored);
    const line = pipeLine(5);

    // Assess
    expect(restored.layouts).toEqual(learnt.layouts);
    expect(restored.split(line)).toEqual(learnt.split(line));
    expect(restored.split(line)).toMatchObject({ level: 'ERROR', timestamp: Date.UTC(2026, 11, 3, 10, 5, 0, 123) });
    expect(line.slice(restored.split(line)?.messageStart).trim()).toBe('job 5 finished in 15 ms');
  });

  it('starts afresh from a state of another version or a malformed one', () => {
    expect(parseSourceFormatState({ version: 2, layouts: [] })).toBeUndefined();
    expect(
      parseSourceFormatState({ version: 1, layouts: [{ split: 'comma', columns: [], coverage: 1 }] }),
    ).toBeUndefined();
    expect(restoreSourceFormat('not a state').layouts).toEqual([]);
  });

  it('refuses a state holding more layouts than a source keeps, so a stored state stays small', () => {
    const learnt = new SourceFormat();
    learnt.prime(lines);
    const layout = learnt.layouts[0];

    expect(parseSourceFormatState({ version: 1, layouts: [layout, layout, layout, layout] })).toBeUndefined();
  });
});

describe('SourceFormat.prime', () => {
  it('does not learn from a batch too small to show a layout, and learns from one that is big enough', () => {
    const format = new SourceFormat();

    format.prime(Array.from({ length: 10 }, (_, i) => pipeLine(i)));
    const afterSmall = format.layouts.length;
    format.prime(Array.from({ length: 80 }, (_, i) => pipeLine(i)));

    expect(afterSmall).toBe(0);
    expect(format.layouts).toHaveLength(1);
  });
});
