import type { Deploy } from '../schemas';

/**
 * Key layout of the deploys table, shared by the writer (deploys Lambda) and the reader (rank Lambda):
 * partition key `service`, sort key `<timestamp, 13 digits zero-padded>#<id>`. Zero padding makes the
 * string order equal the time order, so "deploys of S between A and B" is one Query with BETWEEN.
 */
export const DEPLOYS_PARTITION_KEY = 'service';
export const DEPLOYS_SORT_KEY = 'sk';

/** 13 digits hold epoch milliseconds until the year 2286. */
const TIMESTAMP_DIGITS = 13;
/** Sorts after every character an id can contain, so the upper bound includes the whole last millisecond. */
const HIGHEST_CHAR = '\uffff';

function padTimestamp(millis: number): string {
  if (!Number.isInteger(millis) || millis < 0) {
    throw new RangeError(`deploy timestamp must be a non-negative integer of epoch milliseconds, got ${millis}`);
  }
  return String(millis).padStart(TIMESTAMP_DIGITS, '0');
}

/** The sort key of one deploy. */
export function deploySortKey(deploy: Pick<Deploy, 'timestamp' | 'id'>): string {
  return `${padTimestamp(deploy.timestamp)}#${deploy.id}`;
}

/** Inclusive sort-key bounds for deploys whose timestamp lies in [fromMillis, toMillis]. */
export function deployWindowBounds(
  fromMillis: number,
  toMillis: number,
): { readonly from: string; readonly to: string } {
  if (fromMillis > toMillis) {
    throw new RangeError(`deploy window starts after it ends: ${fromMillis} > ${toMillis}`);
  }
  return { from: `${padTimestamp(fromMillis)}#`, to: `${padTimestamp(toMillis)}#${HIGHEST_CHAR}` };
}
