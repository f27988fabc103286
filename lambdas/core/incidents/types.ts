import type { Anomaly } from '../detect';

export type Severity = 'low' | 'medium' | 'high';

/**
 * - `fault`: something broke (errors, a rise, a drop).
 * - `behaviour-change`: only large new non-error templates: a deploy changed what the service does. Ranked, never
 *   blamed; low severity.
 */
export type IncidentNature = 'fault' | 'behaviour-change';

/** Anomalies close in time, across services, taken as one incident. */
export interface IncidentGroup {
  /** Stable for a given onset: `inc-` and the onset in ISO-8601. */
  readonly id: string;
  /** Onset: the earliest anomaly's first-seen time (epoch ms). */
  readonly start: number;
  /** The latest time any of its anomalies was observed (epoch ms). */
  readonly end: number;
  /** Services with anomalies, in order of their first anomaly. */
  readonly services: string[];
  /** Strongest first. */
  readonly anomalies: Anomaly[];
  /** Noisy-or of the anomaly scores, in [0, 1]. */
  readonly score: number;
  readonly severity: Severity;
  readonly nature: IncidentNature;
  /**
   * Some strong anomaly is still young (seen in fewer than five buckets and going on): the verdict is early and
   * may change, e.g. a short burst that ends.
   */
  readonly provisional: boolean;
}
