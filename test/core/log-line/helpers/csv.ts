/**
 * A small RFC 4180 CSV reader for the loghub ground-truth files: quoted fields may hold commas, line breaks and
 * doubled quotes (`""`). Returns rows of fields; a trailing line break does not make an empty row.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field.length === 0) {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
    i++;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows as objects keyed by the header row; throws when a row's width differs from the header's. */
export function parseCsvRecords(text: string, source: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) throw new Error(`${source}: CSV has no header row`);
  return rows.map((row, index) => {
    if (row.length !== header.length) {
      throw new Error(`${source}: row ${index + 2} has ${row.length} fields, header has ${header.length}`);
    }
    const record: Record<string, string> = {};
    header.forEach((name, column) => {
      record[name] = row[column] ?? '';
    });
    return record;
  });
}
