/**
 * Lines per template per time bucket, for one service: what an invocation adds to the template counts
 * table. Plain JSON (`[bucketStart, [[templateId, lines], ...]]`) so it travels in the outbox as is.
 */
export type BucketCountsJson = [number, [string, number][]][];

export class BucketCounts {
  private readonly buckets = new Map<number, Map<string, number>>();

  constructor(readonly bucketMs: number) {}

  static fromJSON(bucketMs: number, json: BucketCountsJson): BucketCounts {
    const counts = new BucketCounts(bucketMs);
    for (const [start, entries] of json) counts.buckets.set(start, new Map(entries));
    return counts;
  }

  /** Counts one line of `templateId` at `timestamp`. */
  add(timestamp: number, templateId: string, lines = 1): void {
    const start = Math.floor(timestamp / this.bucketMs) * this.bucketMs;
    let bucket = this.buckets.get(start);
    if (bucket === undefined) {
      bucket = new Map();
      this.buckets.set(start, bucket);
    }
    bucket.set(templateId, (bucket.get(templateId) ?? 0) + lines);
  }

  /** Buckets in time order, each with its templates' line counts. */
  entries(): [number, ReadonlyMap<string, number>][] {
    return [...this.buckets.entries()].sort((a, b) => a[0] - b[0]);
  }

  get lines(): number {
    let total = 0;
    for (const bucket of this.buckets.values()) for (const n of bucket.values()) total += n;
    return total;
  }

  toJSON(): BucketCountsJson {
    return this.entries().map(([start, bucket]) => [start, [...bucket.entries()]]);
  }
}
