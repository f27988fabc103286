import { z } from 'zod';
import type { MinerOptionsInput } from '../drain';
import { DETECT_DEFAULTS, type DetectOptions } from '../detect';
import { InvalidInputError } from '../errors';
import { INCIDENT_DEFAULTS, type IncidentOptions } from '../incidents';
import { RANK_DEFAULTS, type RankOptions, type RankWeights } from '../rank';

/** Everything `analyze()` and the {@link Analyzer} can be tuned with; each part documents its own defaults. */
export interface AnalysisOptions {
  /** Template miner options (one miner per service). @default {} (the miner's own defaults) */
  readonly miner: MinerOptionsInput;
  /** Anomaly detection. @default DETECT_DEFAULTS */
  readonly detect: DetectOptions;
  /** Grouping anomalies into incidents. @default INCIDENT_DEFAULTS */
  readonly incidents: IncidentOptions;
  /** Ranking deploys. @default RANK_DEFAULTS */
  readonly rank: RankOptions;
}

/** Options as callers write them: every part, and every field in it, optional. */
export interface AnalysisOptionsInput {
  readonly miner?: MinerOptionsInput;
  readonly detect?: Partial<DetectOptions>;
  readonly incidents?: Partial<IncidentOptions>;
  readonly rank?: Partial<Omit<RankOptions, 'weights'>> & { readonly weights?: Partial<RankWeights> };
}

/** The one object holding every analysis default. */
export const ANALYSIS_DEFAULTS: AnalysisOptions = {
  miner: {},
  detect: DETECT_DEFAULTS,
  incidents: INCIDENT_DEFAULTS,
  rank: RANK_DEFAULTS,
};

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().nonnegative();
const fraction = z.number().finite().min(0).max(1);
const count = z.number().int().positive();

const detectSchema = z
  .object({
    bucketMs: count,
    learningMs: nonNegative,
    baselineBuckets: count,
    minBaselineRate: positive,
    spikeWindowBuckets: count,
    spikeRatio: positive,
    spikeMinCount: positive,
    spikeSurprise: positive,
    errorSurgeRatio: positive,
    closeAfterBuckets: count,
    newMinCount: count,
    newCloseBuckets: count,
    dropMinRate: positive,
    dropMinPresence: fraction,
    dropExpectedLines: positive,
    dropMinBuckets: count,
    dropRatio: fraction,
    compareWindowMs: positive,
    historyBuckets: count,
    maxGapBuckets: count,
  })
  .partial()
  .strict();

const incidentSchema = z
  .object({ gapMs: positive, minSeedScore: fraction, attachBeforeMs: nonNegative, minScore: fraction })
  .partial()
  .strict();

const rankSchema = z
  .object({
    lookbackMs: positive,
    graceMs: nonNegative,
    blameThreshold: fraction,
    significantScore: fraction,
    lagScaleMs: positive,
    maxLagPenalty: nonNegative,
    lateScaleMs: positive,
    mixWindowMs: positive,
    dependsOn: z.record(z.string(), z.array(z.string())),
    weights: z.record(z.string(), z.number().finite()),
  })
  .partial()
  .strict();

const inputSchema = z
  .object({
    miner: z.record(z.string(), z.unknown()),
    detect: detectSchema,
    incidents: incidentSchema,
    rank: rankSchema,
  })
  .partial()
  .strict();

/** Merges caller options over {@link ANALYSIS_DEFAULTS}; throws `InvalidInputError` naming every bad field. */
export function resolveAnalysisOptions(input: AnalysisOptionsInput = {}): AnalysisOptions {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new InvalidInputError(`analysis options: ${problems}`, { cause: parsed.error });
  }
  const unknownWeights = Object.keys(input.rank?.weights ?? {}).filter((k) => !(k in RANK_DEFAULTS.weights));
  if (unknownWeights.length > 0)
    throw new InvalidInputError(`analysis options: rank.weights: unknown weight(s) ${unknownWeights.join(', ')}`);
  return {
    miner: input.miner ?? {},
    detect: { ...DETECT_DEFAULTS, ...input.detect },
    incidents: { ...INCIDENT_DEFAULTS, ...input.incidents },
    rank: { ...RANK_DEFAULTS, ...input.rank, weights: { ...RANK_DEFAULTS.weights, ...input.rank?.weights } },
  };
}
