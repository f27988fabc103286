/** How anomalies are grouped into incidents. Defaults declared once, here. */
export interface IncidentOptions {
  /**
   * Anomalies whose first-seen times are at most this far apart (chained) belong to one incident.
   * @default 600000 (ten minutes)
   */
  readonly gapMs: number;
  /**
   * Only anomalies at least this strong can start or extend an incident; weaker ones (a rare template
   * appearing twice, a harmless new info line) join an incident they fall inside, but never make one.
   * @default 0.2
   */
  readonly minSeedScore: number;
  /**
   * A weak anomaly that starts up to this long before an incident's first strong one still joins it
   * (it may be the first visible sign of the cause).
   * @default 120000 (two minutes)
   */
  readonly attachBeforeMs: number;
  /**
   * Anomalies weaker than this are left out of incidents altogether (a rare template seen twice is not news).
   * @default 0.02
   */
  readonly minScore: number;
}

export const INCIDENT_DEFAULTS: IncidentOptions = {
  gapMs: 600_000,
  minSeedScore: 0.2,
  attachBeforeMs: 120_000,
  minScore: 0.02,
};
