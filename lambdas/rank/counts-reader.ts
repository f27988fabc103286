import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Deploy } from '../core/schemas';
import {
  COUNTS_ATTRIBUTE_PREFIX,
  CountsMix,
  countsPartition,
  timeKey,
  type ServiceCounts,
  type TimeWindow,
} from '../core/pipeline';
import { queryItems } from '../common/dynamodb';
import { TABLE_KEYS } from '../common';

export interface CountsReaderOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly bucketMs: number;
  /** Window before and after a deploy whose template mix the ranker compares. */
  readonly mixWindowMs: number;
}

const COUNTS = TABLE_KEYS.templateCounts;

interface LoadedCounts {
  readonly window: TimeWindow;
  readonly buckets: Map<number, Map<string, number>>;
  /** Counts older than `window.from` exist. */
  readonly hasOlder: boolean;
}

/**
 * The template mix around candidate deploys, from the template counts table. Per service it reads the buckets
 * from `mixWindowMs` before its first candidate to `mixWindowMs` after its last (one Query), and whether older
 * counts exist (one single-item Query): the ranker skips the comparison before a service's first counted
 * minute, as the CLI does before its history starts. Built per invocation; later records of the batch reuse
 * what earlier ones read when it covers their windows.
 */
export class CountsReader {
  private readonly loaded = new Map<string, Promise<LoadedCounts>>();

  constructor(private readonly o: CountsReaderOptions) {}

  async mixFor(candidates: readonly Deploy[]): Promise<CountsMix> {
    const windows = new Map<string, TimeWindow>();
    for (const d of candidates) {
      const w = windows.get(d.service);
      const from = Math.floor((d.timestamp - this.o.mixWindowMs) / this.o.bucketMs) * this.o.bucketMs;
      windows.set(d.service, {
        from: Math.min(w?.from ?? Infinity, from),
        to: Math.max(w?.to ?? -Infinity, d.timestamp + this.o.mixWindowMs),
      });
    }
    const entries = await Promise.all(
      [...windows].map(
        async ([service, w]): Promise<[string, ServiceCounts]> => [service, await this.countsOf(service, w)],
      ),
    );
    return new CountsMix(this.o.bucketMs, new Map(entries));
  }

  private async countsOf(service: string, window: TimeWindow): Promise<ServiceCounts> {
    let pending = this.loaded.get(service);
    let loaded = pending === undefined ? undefined : await pending;
    if (loaded === undefined || loaded.window.from > window.from || loaded.window.to < window.to) {
      // Read a little more than asked: the next anomalies of the incident usually need the same minutes.
      const wider = {
        from: Math.min(window.from, loaded?.window.from ?? Infinity) - this.o.mixWindowMs,
        to: Math.max(window.to, loaded?.window.to ?? -Infinity) + this.o.mixWindowMs,
      };
      const from = Math.floor(wider.from / this.o.bucketMs) * this.o.bucketMs;
      pending = this.read(service, { from, to: wider.to });
      this.loaded.set(service, pending);
      loaded = await pending;
    }
    const buckets = new Map<number, Map<string, number>>();
    let hasOlder = loaded.hasOlder;
    for (const [start, templates] of loaded.buckets) {
      if (start < window.from) hasOlder = true;
      else if (start <= window.to) buckets.set(start, templates);
    }
    return { buckets, hasOlder };
  }

  private async read(service: string, window: TimeWindow): Promise<LoadedCounts> {
    const [buckets, hasOlder] = await Promise.all([
      this.readBuckets(service, window),
      this.hasCountsBefore(service, window.from),
    ]);
    return { window, buckets, hasOlder };
  }

  private async readBuckets(service: string, window: TimeWindow): Promise<Map<number, Map<string, number>>> {
    const buckets = new Map<number, Map<string, number>>();
    const items = queryItems(this.o.client, {
      TableName: this.o.tableName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': COUNTS.partitionKey, '#sk': COUNTS.sortKey },
      ExpressionAttributeValues: {
        ':pk': countsPartition(service),
        ':from': timeKey(window.from),
        ':to': timeKey(window.to),
      },
    });
    for await (const item of items) {
      const start = Number(item[COUNTS.sortKey]);
      const templates = new Map<string, number>();
      for (const [name, value] of Object.entries(item)) {
        if (name.startsWith(COUNTS_ATTRIBUTE_PREFIX) && typeof value === 'number')
          templates.set(name.slice(COUNTS_ATTRIBUTE_PREFIX.length), value);
      }
      if (Number.isFinite(start)) buckets.set(start, templates);
    }
    return buckets;
  }

  private async hasCountsBefore(service: string, before: number): Promise<boolean> {
    const page = await this.o.client.send(
      new QueryCommand({
        TableName: this.o.tableName,
        KeyConditionExpression: '#pk = :pk AND #sk < :before',
        ExpressionAttributeNames: { '#pk': COUNTS.partitionKey, '#sk': COUNTS.sortKey },
        ExpressionAttributeValues: { ':pk': countsPartition(service), ':before': timeKey(before) },
        ProjectionExpression: '#sk',
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    return (page.Items ?? []).length > 0;
  }
}
