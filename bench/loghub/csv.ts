/**
 * A small RFC 4180 CSV reader: the loghub ground truth quotes fields that hold commas, quotes
 * (doubled inside quotes) or line breaks, so splitting on commas would misalign columns.
 */
import { InvalidInputError } from '../../lambdas/core/errors';

/** Parses CSV text into rows of fields. Accepts `\n` and `\r\n` row ends; a final newline is optional. */
export function parseCsv(text: string, source = 'CSV'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldWasQuoted = false;
  let i = 0;
  const endField = (): void => {
    row.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      // Copy the run up to the next quote in one slice: fields can be long.
      const next = text.indexOf('"', i);
      if (next === -1) break;
      field += text.slice(i, next);
      i = next;
      continue;
    }
    if (ch === '"' && field === '' && !fieldWasQuoted) {
      inQuotes = true;
      fieldWasQuoted = true;
      i += 1;
    } else if (ch === ',') {
      endField();
      i += 1;
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      endRow();
      i += ch === '\r' ? 2 : 1;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (inQuotes) throw new InvalidInputError(`${source}: a quoted field is not closed before the end of the file`);
  if (field !== '' || fieldWasQuoted || row.length > 0) endRow();
  return rows;
}

/** Parses CSV text with a header row into records keyed by column name. */
export function parseCsvRecords(text: string, source = 'CSV'): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, source);
  if (header === undefined) return [];
  return rows.map((fields, index) => {
    if (fields.length !== header.length) {
      throw new InvalidInputError(
        `${source}: row ${index + 2} has ${fields.length} fields, the header has ${header.length}`,
      );
    }
    const record: Record<string, string> = {};
    header.forEach((name, column) => {
      record[name] = fields[column] ?? '';
    });
    return record;
  });
}
