import type { AnalysisOptionsInput } from '../analysis';

/** The ranking settings the CDK construct passes to rank through its environment. */
export interface RankSettings {
  /** How far before an incident deploys are candidates, in minutes. */
  readonly lookbackMinutes: number;
  /** Confidence (0..1) at which a deploy is blamed. */
  readonly blameConfidence: number;
  /** Service → the services it calls (`dependsOn`). @default {} */
  readonly dependsOn?: Readonly<Record<string, readonly string[]>> | undefined;
}

/**
 * The analysis options the pipeline runs with: the core's defaults (the CLI's), with the deployment's ranking
 * settings. The CLI given the same options reaches the same verdicts (test/e2e).
 */
export function pipelineAnalysisOptions(settings: RankSettings): AnalysisOptionsInput {
  return {
    rank: {
      lookbackMs: settings.lookbackMinutes * 60_000,
      blameThreshold: settings.blameConfidence,
      ...(settings.dependsOn === undefined ? {} : { dependsOn: settings.dependsOn }),
    },
  };
}
