/**
 * Keys of the items the ingest and rank functions keep in the generic `pk` / `sk` tables (attribute names
 * in lambdas/common/table-schema.ts). Time parts are zero-padded epoch milliseconds, so sort keys order
 * by time and range queries select time windows.
 */

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** 13 digits: epoch milliseconds until the year 2286. */
export function timeKey(epochMs: number): string {
  return String(Math.max(0, Math.floor(epochMs))).padStart(13, '0');
}

/** Miner state table: one service's analyzer state, version and applied batches. */
export function stateKey(service: string): ItemKey {
  return { pk: `service#${service}`, sk: 'state' };
}

/** Miner state table: the claim that a template's `new` anomaly was reported (by which anomaly id). */
export function newTemplateKey(service: string, templateId: string): ItemKey {
  return { pk: `service#${service}`, sk: `new#${templateId}` };
}

/** Template counts table: lines per template of one service in one bucket (attributes `t:<templateId>`). */
export function countsKey(service: string, bucketStart: number): ItemKey {
  return { pk: `counts#${service}`, sk: timeKey(bucketStart) };
}

export const COUNTS_ATTRIBUTE_PREFIX = 't:';
/** String set of the batch keys already added to a counts item. */
export const COUNTS_BATCHES_ATTRIBUTE = 'batches';

export function countsPartition(service: string): string {
  return `counts#${service}`;
}

/** Template counts table: what a committed batch still has to deliver (expires with the counts). */
export function outboxKey(service: string, batchKey: string, version: number): ItemKey {
  return { pk: `outbox#${service}`, sk: `${batchKey}#${version}` };
}

/** Template counts table: every service ingest has seen, so rank can look up all their deploys. */
export const SERVICES_PARTITION = 'services';
export function serviceRegistryKey(service: string): ItemKey {
  return { pk: SERVICES_PARTITION, sk: service };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Incidents table: anomalies are partitioned by the hour of their first-seen time. */
export function anomalyPartition(hourStart: number): string {
  return `anomalies#${new Date(Math.floor(hourStart / HOUR) * HOUR).toISOString().slice(0, 13)}`;
}

export function anomalyKey(firstSeen: number, anomalyId: string): ItemKey {
  return { pk: anomalyPartition(firstSeen), sk: `${timeKey(firstSeen)}#${anomalyId}` };
}

/** Hour starts whose anomaly partitions cover [from, to]. */
export function anomalyHours(from: number, to: number): number[] {
  const hours: number[] = [];
  for (let h = Math.floor(from / HOUR) * HOUR; h <= to; h += HOUR) hours.push(h);
  return hours;
}

/** Incidents table: incidents are partitioned by the day of their onset. */
export function incidentPartition(dayStart: number): string {
  return `incidents#${new Date(Math.floor(dayStart / DAY) * DAY).toISOString().slice(0, 10)}`;
}

export function incidentKey(start: number, incidentId: string): ItemKey {
  return { pk: incidentPartition(start), sk: incidentId };
}

export function incidentDays(from: number, to: number): number[] {
  const days: number[] = [];
  for (let d = Math.floor(from / DAY) * DAY; d <= to; d += DAY) days.push(d);
  return days;
}
