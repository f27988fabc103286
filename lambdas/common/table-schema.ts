import { DEPLOYS_PARTITION_KEY, DEPLOYS_SORT_KEY } from '../core/deploys';

/**
 * Key layout of Culprit's DynamoDB tables: the one place both the CDK construct (which creates the
 * tables) and the handlers (which read and write them) take the attribute names from.
 */

/** Epoch seconds after which DynamoDB's TTL deletes an item. */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface TableKeys {
  /** String partition key. */
  readonly partitionKey: string;
  /** String sort key. */
  readonly sortKey: string;
  /** TTL attribute, absent when the data never ages out. */
  readonly ttlAttribute?: string;
}

export const TABLE_KEYS = {
  /** Drain miner snapshots per service; kept until replaced, never aged out. */
  minerState: { partitionKey: 'pk', sortKey: 'sk' },
  /** Per-template counts per time bucket; the baseline the detector compares against. */
  templateCounts: { partitionKey: 'pk', sortKey: 'sk', ttlAttribute: TTL_ATTRIBUTE },
  /** Deploys per service, sorted by time (see lambdas/core/deploys/deploy-key.ts). */
  deploys: { partitionKey: DEPLOYS_PARTITION_KEY, sortKey: DEPLOYS_SORT_KEY, ttlAttribute: TTL_ATTRIBUTE },
  /** Incidents and their ranked culprits. */
  incidents: { partitionKey: 'pk', sortKey: 'sk', ttlAttribute: TTL_ATTRIBUTE },
} as const satisfies Record<string, TableKeys>;

export type TableName = keyof typeof TABLE_KEYS;

/** TTL value for data that should live `days` days from `fromMillis`. */
export function expiresAt(fromMillis: number, days: number): number {
  return Math.floor(fromMillis / 1000) + Math.round(days * 86_400);
}
