/**
 * A bounded history of one service's closed buckets: for each, the count of every template that had a line,
 * stored sparsely as `[templateIdx, count, templateIdx, count, ...]`. Memory is templates × buckets at most,
 * whatever the number of lines. Used for `countBefore` and for the ranker's before/after template mix.
 */
export interface HistoryBucket {
  readonly bucket: number;
  readonly counts: number[];
}

export class ServiceHistory {
  private readonly buckets: HistoryBucket[];

  constructor(
    private readonly capacity: number,
    buckets: HistoryBucket[] = [],
  ) {
    this.buckets = buckets.slice(-capacity);
  }

  append(bucket: number, counts: number[]): void {
    this.buckets.push({ bucket, counts });
    if (this.buckets.length > this.capacity) this.buckets.shift();
  }

  /** Lines of one template in buckets `[fromBucket, toBucket)`. */
  countOf(templateIdx: number, fromBucket: number, toBucket: number): number {
    let total = 0;
    for (const b of this.range(fromBucket, toBucket)) {
      const counts = b.counts;
      for (let i = 0; i < counts.length; i += 2) {
        if (counts[i] === templateIdx) {
          total += counts[i + 1] ?? 0;
          break;
        }
      }
    }
    return total;
  }

  /** Lines of one template in each bucket of `[fromBucket, toBucket)`, zeros where it had none. */
  countsOf(templateIdx: number, fromBucket: number, toBucket: number): number[] {
    const out = new Array<number>(Math.max(0, toBucket - fromBucket)).fill(0);
    for (const b of this.range(fromBucket, toBucket)) {
      const counts = b.counts;
      for (let i = 0; i < counts.length; i += 2) {
        if (counts[i] === templateIdx) {
          out[b.bucket - fromBucket] = counts[i + 1] ?? 0;
          break;
        }
      }
    }
    return out;
  }

  /** Lines per template index in buckets `[fromBucket, toBucket)`. */
  mix(fromBucket: number, toBucket: number): Map<number, number> {
    const out = new Map<number, number>();
    for (const b of this.range(fromBucket, toBucket)) {
      const counts = b.counts;
      for (let i = 0; i < counts.length; i += 2) {
        const idx = counts[i] ?? -1;
        out.set(idx, (out.get(idx) ?? 0) + (counts[i + 1] ?? 0));
      }
    }
    return out;
  }

  /** Oldest bucket still held, or undefined when empty. */
  oldest(): number | undefined {
    return this.buckets[0]?.bucket;
  }

  toJSON(): HistoryBucket[] {
    return this.buckets;
  }

  private *range(fromBucket: number, toBucket: number): Iterable<HistoryBucket> {
    for (const b of this.buckets) {
      if (b.bucket >= toBucket) return;
      if (b.bucket >= fromBucket) yield b;
    }
  }
}
