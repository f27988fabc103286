/**
 * The ranking model's knobs. Each weight is a log-odds contribution (see docs/ranking.md): positive weights
 * are evidence that the deploy caused the incident, negative ones evidence against. Declared once, here.
 */
export interface RankOptions {
  /**
   * Deploys up to this long before the incident's onset are candidates (later ones too, when their service's
   * anomalies start after them).
   * @default 7200000 (two hours)
   */
  readonly lookbackMs: number;
  /**
   * Anomalies starting up to this long before a deploy still count as after it: buckets are not exact, and a
   * service's log clock can be a minute or two off the clock that stamps deploy events.
   * @default 150000
   */
  readonly graceMs: number;
  /**
   * A suspect is blamed (named in a notification) when its confidence reaches this.
   * @default 0.5
   */
  readonly blameThreshold: number;
  /**
   * Anomalies at least this strong mark where an incident really starts (weaker ones can be noise).
   * @default 0.2
   */
  readonly significantScore: number;
  /** Lag from deploy to its service's first anomaly costing one unit of log-odds. @default 900000 */
  readonly lagScaleMs: number;
  /** Cap on the lag penalty. @default 4 */
  readonly maxLagPenalty: number;
  /** Delay behind the incident's first strong anomaly at which the not-the-origin penalty is full. @default 180000 */
  readonly lateScaleMs: number;
  /** Window before and after a deploy compared for the template-mix shift. @default 900000 */
  readonly mixWindowMs: number;
  /**
   * Declared dependencies: each caller service and the services it calls (`culprit.config.json`'s `dependsOn`).
   * A deploy of a called service whose own logs stay quiet can still explain its caller's errors.
   * @default {}
   */
  readonly dependsOn: Readonly<Record<string, readonly string[]>>;
  /** Log-odds weights. */
  readonly weights: RankWeights;
}

export interface RankWeights {
  /** The deployed service shows no anomaly after the deploy. @default -3 */
  readonly silent: number;
  /** Times the strongest anomaly of the service after the deploy (score in [0, 1]). @default 3 */
  readonly strength: number;
  /** Times the share of the incident's anomaly weight the service explains after the deploy. @default 2 */
  readonly share: number;
  /** Times the share of the service's own anomaly weight that began before the deploy. @default -4 */
  readonly preexisting: number;
  /** Times the share of the incident's anomaly weight that began before the deploy. @default -3 */
  readonly underway: number;
  /** Full penalty for the service's anomalies coming after the incident's first ones. @default -3 */
  readonly late: number;
  /** A later deploy of the same service came before the anomalies. @default -3 */
  readonly superseded: number;
  /** Full bonus for a clear template-mix shift across the deploy. @default 1 */
  readonly mixShift: number;
  /**
   * The service itself is quiet and a caller's errors stand in for its own: the full amount when only a declared
   * dependency (`dependsOn`) links them, half when the caller's errors name the service. @default -1
   */
  readonly dependency: number;
  /**
   * Times the share of the service's weight after the deploy in errors that name another service deployed later:
   * they point at that change (as `superseded` does for a later deploy of the same service). @default -3
   */
  readonly pointsElsewhere: number;
  /** Prior log-odds of "no deploy caused this" against one deploy. @default 0.5 */
  readonly nullBase: number;
  /** Added to "no deploy" times (1 − the incident's strongest anomaly score): weak incidents are rarely deploys. @default 4 */
  readonly nullWeak: number;
  /** Added to "no deploy" when the service where the incident starts had no deploy in the lookback. @default 3 */
  readonly nullOriginUndeployed: number;
}

export const RANK_DEFAULTS: RankOptions = {
  lookbackMs: 2 * 3_600_000,
  graceMs: 150_000,
  blameThreshold: 0.5,
  significantScore: 0.2,
  lagScaleMs: 900_000,
  maxLagPenalty: 4,
  lateScaleMs: 180_000,
  mixWindowMs: 900_000,
  dependsOn: {},
  weights: {
    silent: -3,
    strength: 3,
    share: 2,
    preexisting: -4,
    underway: -3,
    late: -3,
    superseded: -3,
    mixShift: 1,
    dependency: -1,
    pointsElsewhere: -3,
    nullBase: 0.5,
    nullWeak: 4,
    nullOriginUndeployed: 3,
  },
};

/** Merges partial options (weights merged field by field) over the defaults. */
export function resolveRankOptions(
  options?: Partial<Omit<RankOptions, 'weights'>> & { weights?: Partial<RankWeights> },
): RankOptions {
  return { ...RANK_DEFAULTS, ...options, weights: { ...RANK_DEFAULTS.weights, ...options?.weights } };
}
