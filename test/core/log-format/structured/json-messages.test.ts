import { JsonMessageSource, readJsonMessages } from '../../../../lambdas/core/log-format/structured';

const record = (i: number, level: string, body = `task ${i} done in ${i} ms`, node = 'w1'): { message: string } => ({
  message: JSON.stringify({ at: `2026-12-03T10:00:${String(i % 60).padStart(2, '0')}Z`, sev: level, body, node }),
});

describe('JsonMessageSource', () => {
  it('reads the JSON messages of later batches with the shape learnt from the first one', () => {
    // Prepare
    const source = new JsonMessageSource();
    source.read(Array.from({ length: 12 }, (_, i) => record(i, i % 4 === 0 ? 'WARN' : 'INFO')));

    // Act
    // Alone, this record would read as one whose message is its wordiest field (`node`).
    const odd = record(40, 'ERROR', 'ok', 'rack three in zone eu west');
    const later = source.read([odd, { message: 'a text line stays as it is' }]);

    // Assess
    expect(later).toEqual([{ message: 'ok', level: 'ERROR' }, { message: 'a text line stays as it is' }]);
  });

  it('returns a batch without JSON messages as it is', () => {
    const batch = [{ message: 'plain' }, { message: '  not { json' }];

    expect(new JsonMessageSource().read(batch)).toBe(batch);
    expect(readJsonMessages(batch)).toBe(batch);
  });

  it('differs from learning each batch alone, which reads the wordiest field as the message', () => {
    const odd = record(40, 'ERROR', 'ok', 'rack three in zone eu west');

    expect(readJsonMessages([odd])[0]?.message).toBe('rack three in zone eu west');
  });
});
