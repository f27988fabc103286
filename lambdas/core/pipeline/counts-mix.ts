import type { TemplateMixSource } from '../rank';

/** One service's template counts as read from the table: bucket start → template id → lines. */
export interface ServiceCounts {
  readonly buckets: ReadonlyMap<number, ReadonlyMap<string, number>>;
  /** The table holds counts of this service older than the buckets read. */
  readonly hasOlder: boolean;
}

/**
 * The ranker's template-mix source backed by the template counts table, with the semantics of the detector's
 * own history (`Detector.templateMix`): lines per template in the buckets overlapping `[from, to)`, and
 * undefined when the service is unknown or the range starts before its first counted bucket.
 */
export class CountsMix implements TemplateMixSource {
  constructor(
    private readonly bucketMs: number,
    private readonly services: ReadonlyMap<string, ServiceCounts>,
  ) {}

  templateMix(service: string, from: number, to: number): ReadonlyMap<string, number> | undefined {
    const counts = this.services.get(service);
    if (counts === undefined) return undefined;
    const fromBucket = Math.floor(from / this.bucketMs);
    const toBucket = Math.ceil(to / this.bucketMs);
    if (!counts.hasOlder) {
      let oldest = Infinity;
      for (const start of counts.buckets.keys()) oldest = Math.min(oldest, start / this.bucketMs);
      if (oldest === Infinity || fromBucket < oldest) return undefined;
    }
    const mix = new Map<string, number>();
    for (const [start, templates] of counts.buckets) {
      const bucket = start / this.bucketMs;
      if (bucket < fromBucket || bucket >= toBucket) continue;
      for (const [id, lines] of templates) mix.set(id, (mix.get(id) ?? 0) + lines);
    }
    return mix;
  }
}
