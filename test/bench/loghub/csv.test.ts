import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv, parseCsvRecords } from '../../../bench/loghub';
import { LOGHUB_DIR } from '../../support/loghub-dir';

const LOGHUB = LOGHUB_DIR;

describe('parseCsv', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    // Prepare
    const text = 'a,b,c\n1,"x, y","say ""hi"""\n2,"two\nlines",\r\n';

    // Act
    const rows = parseCsv(text);

    // Assess
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
  });

  it('reads a last row that has no newline and keeps an empty quoted field', () => {
    expect(parseCsv('a,b\n"",z')).toEqual([
      ['a', 'b'],
      ['', 'z'],
    ]);
  });

  it('rejects a quoted field that is never closed, naming the source', () => {
    expect(() => parseCsv('a\n"open', 'x.csv')).toThrow(/x\.csv: a quoted field is not closed/);
  });

  it('rejects a record whose field count differs from the header', () => {
    expect(() => parseCsvRecords('a,b\n1,2,3', 'x.csv')).toThrow(/x\.csv: row 2 has 3 fields, the header has 2/);
  });

  it('reads the Windows ground truth row whose message holds doubled quotes', () => {
    // Prepare
    const text = readFileSync(path.join(LOGHUB, 'Windows/Windows_2k.log_structured_corrected.csv'), 'utf8');

    // Act
    const records = parseCsvRecords(text);

    // Assess
    expect(records).toHaveLength(2000);
    expect(records[17]).toMatchObject({
      LineId: '18',
      Content: '00000005 Creating NT transaction (seq 1), objectname [6]"(null)"',
      EventTemplate: '<*> Creating NT transaction (seq <*>), objectname [<*>]"(<*>)"',
    });
  });
});
