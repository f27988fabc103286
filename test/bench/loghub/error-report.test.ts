import {
  evaluateDataset,
  formatErrorReport,
  groupingErrors,
  templateErrors,
  type LoghubDataset,
  type MinerLike,
} from '../../../bench/loghub';

const templateIds = [
  'Invalid user <*> from <*>',
  'input_userauth_request: invalid user <*> [preauth]',
  'pam_unix(sshd:auth): check pass; user unknown',
  'Received disconnect from <*>: <*>: Bye Bye [preauth]',
];

/** Real OpenSSH lines with their ground truth; lines of one template share an event id, as in loghub. */
const DATASET: LoghubDataset = {
  name: 'OpenSSH',
  lines: [
    ['Invalid user webmaster from 173.234.31.186', 'Invalid user <*> from <*>'],
    ['Invalid user test9 from 52.80.34.196', 'Invalid user <*> from <*>'],
    ['Invalid user admin from 103.99.0.122', 'Invalid user <*> from <*>'],
    ['input_userauth_request: invalid user webmaster [preauth]', 'input_userauth_request: invalid user <*> [preauth]'],
    ['input_userauth_request: invalid user test9 [preauth]', 'input_userauth_request: invalid user <*> [preauth]'],
    ['pam_unix(sshd:auth): check pass; user unknown', 'pam_unix(sshd:auth): check pass; user unknown'],
    [
      'Received disconnect from 173.234.31.186: 11: Bye Bye [preauth]',
      'Received disconnect from <*>: <*>: Bye Bye [preauth]',
    ],
  ].map(([content, eventTemplate], index) => ({
    lineId: index + 1,
    raw: `Dec 10 06:55:46 LabSZ sshd[24200]: ${content ?? ''}`,
    content: content ?? '',
    eventId: `E${templateIds.indexOf(eventTemplate ?? '')}`,
    eventTemplate: eventTemplate ?? '',
  })),
};

/** A miner that answers from a fixed table: line → [templateId, final template]. */
function scriptedMiner(table: Record<string, [string, string]>): MinerLike {
  return {
    mine: (line) => ({ templateId: table[line]?.[0] ?? 'unknown' }),
    templates: () => {
      const seen = new Map(Object.values(table).map(([templateId, template]) => [templateId, template]));
      return [...seen].map(([templateId, template]) => ({ templateId, template, count: 1 }));
    },
  };
}

const lines = DATASET.lines.map((line) => line.content);
const TABLE: Record<string, [string, string]> = {
  // "Invalid user" split: admin went to its own template
  [lines[0] ?? '']: ['p1', 'Invalid user <*> from <IP>'],
  [lines[1] ?? '']: ['p1', 'Invalid user <*> from <IP>'],
  [lines[2] ?? '']: ['p2', 'Invalid user admin from <IP>'],
  // the two input_userauth lines and the pam line merged
  [lines[3] ?? '']: ['p3', '<*> <*> <*> <*> <*>'],
  [lines[4] ?? '']: ['p3', '<*> <*> <*> <*> <*>'],
  [lines[5] ?? '']: ['p3', '<*> <*> <*> <*> <*>'],
  // grouped right, template too specific
  [lines[6] ?? '']: ['p4', 'Received disconnect from <IP>: 11: Bye Bye [preauth]'],
};

describe('error report', () => {
  const evaluation = evaluateDataset(DATASET, {
    mode: 'content',
    createMiner: () => scriptedMiner(TABLE),
    prepareRaw: (line) => line,
  });

  it('scores the scripted run: only the disconnect line is grouped right', () => {
    expect(evaluation.grouping.ga).toBeCloseTo(1 / 7);
    expect(evaluation.pa).toBeCloseTo(2 / 7);
  });

  it('lists a merge of three true templates before a split of one, biggest first', () => {
    // Act
    const errors = groupingErrors(evaluation);

    // Assess
    expect(errors.map((error) => [error.kind, error.lines, error.truths.length, error.predicted.length])).toEqual([
      ['MERGED', 3, 2, 1],
      ['SPLIT', 3, 1, 2],
    ]);
    expect(errors[1]?.predicted.map((predicted) => [predicted.template, predicted.lines])).toEqual([
      ['Invalid user <*> from <IP>', 2],
      ['Invalid user admin from <IP>', 1],
    ]);
  });

  it('reports a right group with a wrong template as a template error with both texts', () => {
    expect(templateErrors(evaluation)).toEqual([
      {
        lines: 1,
        truth: 'Received disconnect from <*>: <*>: Bye Bye [preauth]',
        predicted: 'Received disconnect from <*>: 11: Bye Bye [preauth]',
        predictedRaw: 'Received disconnect from <IP>: 11: Bye Bye [preauth]',
        example: lines[6],
      },
    ]);
  });

  it('prints true and predicted templates with line counts and an example line', () => {
    // Act
    const report = formatErrorReport(evaluation, 5);

    // Assess
    expect(report).toContain('1. MERGED: 3 lines, 2 true / 1 predicted templates');
    expect(report).toContain('T1     2  input_userauth_request: invalid user <*> [preauth]');
    expect(report).toMatch(/P1 {5}3 {2}<\*> <\*> <\*> <\*> <\*> {3}\[p3\] ← T1×2 T2×1/);
    expect(report).toContain('e.g. Invalid user admin from 103.99.0.122');
  });
});
