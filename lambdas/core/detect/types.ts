/** Public types of the anomaly detector. */

/**
 * - `new`: a template first seen after the service's learning period.
 * - `spike`: a known template far above its own baseline rate.
 * - `drop`: a steady template gone silent.
 * - `error-surge`: a known error template (error level or error words) rising above its baseline.
 */
export type AnomalyKind = 'new' | 'spike' | 'drop' | 'error-surge';

/** Something that changed in one service's log, tied to one template. */
export interface Anomaly {
  /** Stable while the anomaly evolves: service, template, kind and first-seen time. */
  readonly id: string;
  readonly service: string;
  readonly kind: AnomalyKind;
  readonly templateId: string;
  /** Template text when the anomaly was last updated. */
  readonly template: string;
  /** The template is error-level (from the line header) or contains error words. */
  readonly error: boolean;
  /** Epoch ms: first line of the change (`new`, `spike`, `error-surge`) or when the next line was due (`drop`). */
  readonly firstSeen: number;
  /** Epoch ms: last time the anomaly was observed (last elevated line, or the watermark for a drop). */
  readonly lastSeen: number;
  /** Still going on at the detector's watermark. */
  readonly active: boolean;
  /** Lines of the template in the compare window before `firstSeen`. */
  readonly countBefore: number;
  /** Lines of the template in the compare window from `firstSeen` on (so far). */
  readonly countAfter: number;
  /**
   * Lines the baseline predicts over the anomaly's span. For `new`, over its first compare window, at the rate
   * at which a template could have gone unseen so far.
   */
  readonly expected: number;
  /** Lines observed over the same span. */
  readonly observed: number;
  /** Buckets in which the change was visible: a short burst has 1–2, a sustained change many. */
  readonly buckets: number;
  /** How unlikely the change is under the baseline, in nats (Poisson). */
  readonly surprise: number;
  /** Strength in [0, 1]: kind, magnitude and how sustained the change is. */
  readonly score: number;
  /** One raw line of the template from the anomaly (for `drop`, the last line seen). */
  readonly sample: string;
}

/** A log line after parsing and template mining: what the detector consumes. */
export interface MinedEvent {
  readonly timestamp: number;
  readonly service: string;
  readonly templateId: string;
  readonly template: string;
  /** Whether mining changed the template text (`created` / `updated`) — the detector re-reads it only then. */
  readonly templateChanged: boolean;
  /** Level from the line header, upper-cased if known. */
  readonly level?: string | undefined;
  /** The raw line, kept as a sample. */
  readonly line: string;
}

/** Counters of what the detector has seen. */
export interface DetectorStats {
  readonly lines: number;
  readonly services: number;
  readonly templates: number;
  /** Lines older than the open bucket (counted in the open bucket, not lost). */
  readonly late: number;
}
