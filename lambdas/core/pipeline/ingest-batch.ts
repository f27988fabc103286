import type { Anomaly } from '../analysis';
import { BucketCounts } from './bucket-counts';
import type { ServiceAnalysis } from './service-analysis';
import type { SubscriptionLogEvent } from './subscription-payload';

/** A subscription log event, with the level its JSON message named (see `readJsonMessages`). */
export type IngestLogEvent = SubscriptionLogEvent & { readonly level?: string | undefined };

/** What one batch of log events did to a service's analysis. */
export interface BatchOutcome {
  /** Lines per template per bucket, for the template counts table. */
  readonly counts: BucketCounts;
  /** Anomalies opened or updated by the batch (latest form of each). */
  readonly anomalies: Anomaly[];
  readonly lines: number;
  /** Lines with nothing to mine once the header was stripped. */
  readonly skipped: number;
}

/**
 * Mines and analyses one batch of a service's log events from `source` (their log group, whose header layout is
 * learnt and kept), oldest first (CloudWatch Logs delivers a stream's
 * events in order; the sort, which is stable, only guards the order the detector needs).
 */
export function applyLogEvents(
  analysis: ServiceAnalysis,
  events: readonly IngestLogEvent[],
  source?: string,
): BatchOutcome {
  const ordered = isSorted(events) ? events : [...events].sort((a, b) => a.timestamp - b.timestamp);
  const counts = new BucketCounts(analysis.options.detect.bucketMs);
  if (source !== undefined)
    analysis.prime(
      source,
      ordered.map((event) => event.message),
    );
  let skipped = 0;
  for (const event of ordered) {
    const templateId = analysis.push(event.timestamp, event.message, event.level, source);
    if (templateId === undefined) skipped++;
    else counts.add(event.timestamp, templateId);
  }
  return { counts, anomalies: analysis.takeChanges(), lines: ordered.length, skipped };
}

function isSorted(events: readonly IngestLogEvent[]): boolean {
  for (let i = 1; i < events.length; i++)
    if ((events[i - 1]?.timestamp ?? 0) > (events[i]?.timestamp ?? 0)) return false;
  return true;
}
