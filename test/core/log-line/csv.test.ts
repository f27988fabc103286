import { parseCsv, parseCsvRecords } from './helpers/csv';

describe('the loghub CSV reader', () => {
  it('splits plain fields and ignores the final line break', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const rows = parseCsv('id,text\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"');

    expect(rows).toEqual([
      ['id', 'text'],
      ['1', 'a, b'],
      ['2', 'say "hi"'],
      ['3', 'two\nlines'],
    ]);
  });

  it('keeps empty fields and reads CRLF line ends', () => {
    expect(parseCsv('a,,c\r\n,,\r\n')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });

  it('keys rows by the header', () => {
    expect(parseCsvRecords('LineId,Content\n1,"x, y"\n', 'sample.csv')).toEqual([{ LineId: '1', Content: 'x, y' }]);
  });

  it('names the file and row when a row has the wrong number of fields', () => {
    expect(() => parseCsvRecords('a,b\n1,2,3\n', 'broken.csv')).toThrow('broken.csv: row 2 has 3 fields, header has 2');
  });
});
