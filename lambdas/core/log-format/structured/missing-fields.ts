import { CONVENTIONAL_FIELDS, REQUIRED_ROLES, type FieldRole } from './conventions';
import type { JsonShape } from './types';

/** Fields named in the message at most: a record can have hundreds. */
const MAX_NAMED_FIELDS = 12;

/** The roles `culprit analyze` needs that the learnt shape has no field for. */
export function missingRoles(shape: JsonShape, needed: readonly FieldRole[] = REQUIRED_ROLES): FieldRole[] {
  return needed.filter((role) => role !== 'component' && shape[role] === undefined);
}

/**
 * One problem for a source whose records lack roles: the fields found, the ones needed (with their usual names)
 * and how to map them with `logFields`. `source` names the file or log group.
 */
export function describeMissingFields(source: string, shape: JsonShape, missing: readonly FieldRole[]): string {
  const seen = shape.fieldsSeen.slice(0, MAX_NAMED_FIELDS).join(', ');
  const more = shape.fieldsSeen.length > MAX_NAMED_FIELDS ? `, … (${shape.fieldsSeen.length} in all)` : '';
  const needs = missing.map((role) => `a ${role} field (usually ${CONVENTIONAL_FIELDS[role].slice(0, 4).join(', ')})`);
  const example = missing.map((role) => `"${role}": "<field>"`).join(', ');
  return (
    `no ${missing.join(' and no ')} field: the JSON records of ${source} have none Culprit recognises ` +
    `(fields in the first ${shape.sampleSize} records: ${seen === '' ? 'none' : seen}${more}); ` +
    `it needs ${needs.join(' and ')}. Name them with "logFields" in culprit.config.json, ` +
    `e.g. { "logFields": { ${example.includes('"message"') ? example : `"message": "<field>", ${example}`} } } ` +
    '(dotted paths such as log.level reach into nested objects)'
  );
}
