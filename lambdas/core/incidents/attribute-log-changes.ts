import type { Deploy } from '../schemas';
import type { LogChange } from './log-change-types';

/** How far around a log change a deploy of its service is taken as its maker. */
export interface AttributionWindow {
  /** A deploy up to this long before the change. */
  readonly lookbackMs: number;
  /** A deploy up to this long after the change (log clocks and buckets are not exact). */
  readonly graceMs: number;
}

/**
 * Names, for each rewording, the latest deploy of its service that could have made it (from `lookbackMs` before
 * to `graceMs` after it), so a reader hears "this deploy reworded that line" rather than only that something did.
 * Load surges are traffic, nobody's release, and keep no deploy; nor does a rewording with no deploy near it.
 * `deploys` in any order.
 */
export function attributeLogChanges(
  changes: readonly LogChange[],
  deploys: readonly Deploy[],
  window: AttributionWindow,
): LogChange[] {
  return changes.map((change) => {
    if (change.kind !== 'rewording') return change;
    let maker: Deploy | undefined;
    for (const d of deploys) {
      if (d.service !== change.service) continue;
      if (d.timestamp < change.at - window.lookbackMs || d.timestamp > change.at + window.graceMs) continue;
      if (maker === undefined || d.timestamp > maker.timestamp) maker = d;
    }
    if (maker === undefined) return change;
    return {
      ...change,
      deploy: {
        id: maker.id,
        timestamp: maker.timestamp,
        ...(maker.version === undefined ? {} : { version: maker.version }),
      },
    };
  });
}
