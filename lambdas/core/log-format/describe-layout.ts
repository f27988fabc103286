import { emptyMatch, matchLayout } from './match-layout';
import type { LayoutColumn, LogLayout } from './types';

const SPLIT_NAMES = { blank: 'blanks', tab: 'tabs', pipe: "'|'" } as const;

function columnLabel(column: LayoutColumn): string {
  return column.optional === true ? `${kindLabel(column)}?` : kindLabel(column);
}

function kindLabel(column: LayoutColumn): string {
  switch (column.kind) {
    case 'time':
      return `time(${(column.shapes ?? []).slice(0, 2).join(' | ')})`;
    case 'separator':
      return `'${(column.values ?? []).join("'|'")}'`;
    case 'level':
      return 'level';
    case 'bracket':
      return `${column.opens ?? '['}…`;
    case 'name':
      return column.endsWith === undefined ? 'name' : `name${column.endsWith}`;
    default:
      return column.kind;
  }
}

/**
 * A human-readable account of a layout, with an example line split into header and message:
 *
 *   layout: time(9-9-9 9:9:9,9) level bracket name: <message>   (tab-split: no; 98.5 % of the sample)
 *   example: header  "2015-10-18 18:01:47,978 INFO [main] org.apache.Foo:"
 *            message "Created MRAppMaster for application appattempt_1445144423722_0020_000001"
 */
export function describeLayout(layout: LogLayout, lines: readonly string[]): string {
  const inner = layout.inner === undefined ? '' : ` (then on blanks) ${layout.inner.map(columnLabel).join(' ')}`;
  const columns = `${layout.columns.map(columnLabel).join(' ')}${inner}`;
  const share = (layout.coverage * 100).toFixed(1);
  const out = [
    `layout: ${columns} <message>   (split on ${SPLIT_NAMES[layout.split]}; ${share} % of the sample start this way)`,
  ];
  const match = emptyMatch();
  const example = lines.find((line) => matchLayout(layout, line, match));
  if (example !== undefined) {
    matchLayout(layout, example, match);
    out.push(`example: header  ${JSON.stringify(example.slice(0, match.messageStart).trimEnd())}`);
    out.push(`         message ${JSON.stringify(example.slice(match.messageStart).trim())}`);
  }
  return out.join('\n');
}
