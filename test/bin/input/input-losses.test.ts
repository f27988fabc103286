import { InputLosses } from '../../../bin/input/input-losses';

describe('InputLosses', () => {
  it('counts events read and lost lines by file and reason, and lists every file', () => {
    const losses = new InputLosses(['a.log', 'b.jsonl', 'c.log']);
    losses.read('a.log', 10);
    losses.read('a.log', 5);
    losses.read('b.jsonl', 7);
    losses.add({ file: 'b.jsonl', line: 3, problem: 'not valid JSON: Unexpected token' });
    losses.add({ file: 'b.jsonl', line: 9, problem: 'not valid JSON: Unexpected end' });
    losses.add({
      file: 'b.jsonl',
      line: 12,
      problem:
        'timestamp 2030-01-01T00:00:00.000Z is 5 days after the lines around it (more than 2 h, as CloudWatch Logs bounds it): skipped',
    });
    losses.add({
      file: 'c.log',
      line: 1,
      problem: 'line longer than the line cap of 65536 bytes: only its start was read',
    });

    expect(losses.skipped()).toBe(3);
    expect(losses.files()).toEqual([
      { file: 'a.log', read: 15, skipped: 0, cut: 0, reasons: {} },
      {
        file: 'b.jsonl',
        read: 7,
        skipped: 3,
        cut: 0,
        reasons: { 'not valid JSON': 2, 'timestamp far from the lines around it': 1 },
      },
      { file: 'c.log', read: 0, skipped: 0, cut: 1, reasons: { 'longer than the line cap (cut)': 1 } },
    ]);
    expect(losses.sentences()).toEqual([
      'b.jsonl: 3 lines skipped (2 not valid JSON; 1 timestamp far from the lines around it)',
      'c.log: 1 line cut (1 longer than the line cap (cut))',
    ]);
  });
});
