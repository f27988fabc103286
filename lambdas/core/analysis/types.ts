import type { Anomaly } from '../detect';
import type { IncidentNature, LogChange, Severity } from '../incidents';
import type { Suspect } from '../rank';
import type { LogEvent } from '../schemas';

/**
 * A log event, optionally with the level its structured record (or its source's learnt header layout) named, and
 * where its message begins when the reader already split the header off with the source's learnt layout.
 */
export type LeveledLogEvent = LogEvent & {
  readonly level?: string | undefined;
  readonly headerLength?: number | undefined;
};

/** One incident: anomalies close in time across services, and the deploys that could explain it. */
export interface Incident {
  readonly id: string;
  /** Onset (earliest anomaly), epoch ms. */
  readonly start: number;
  /** Last time one of its anomalies was observed, epoch ms. */
  readonly end: number;
  /** Services with anomalies, in order of their first one. */
  readonly services: string[];
  readonly severity: Severity;
  /** A fault, or only a change of behaviour (ranked, never blamed). Absent in results saved before it existed. */
  readonly nature?: IncidentNature;
  /** The verdict is early (a strong anomaly is still young) and may change. Absent in older results. */
  readonly provisional?: boolean;
  /** Noisy-or of its anomaly scores, in [0, 1]. */
  readonly score: number;
  /** Strongest first. */
  readonly anomalies: Anomaly[];
  /** Candidate deploys, best first; at most one is `blamed`. */
  readonly suspects: Suspect[];
  /** Probability that no deploy explains the incident (1 − the suspects' confidences). */
  readonly unexplained: number;
  /** Why no deploy explains it, when that is the most likely answer. */
  readonly unexplainedEvidence: string[];
}

export interface AnalysisStats {
  /** Lines analysed. */
  readonly lines: number;
  readonly services: number;
  readonly templates: number;
  /** Lines not analysed (empty after the header was stripped). */
  readonly skipped: number;
  /** Lines older than the bucket being counted (counted late rather than lost). */
  readonly late: number;
}

export interface AnalysisResult {
  /** In order of onset. */
  readonly incidents: Incident[];
  /** Changes in the logs that are not faults (rewordings, load surges), in time order. Absent in older results. */
  readonly logChanges?: LogChange[];
  readonly stats: AnalysisStats;
}
