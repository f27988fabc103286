/**
 * Accuracy metrics of log parsing as defined by loghub-2.0 ("A Large-scale Evaluation for Log
 * Parsing Techniques", ISSTA 2024) and its predecessor ("Tools and Benchmarks for Automated Log
 * Parsing", ICSE-SEIP 2019). Inputs are per-line labels in the same order.
 */

export interface GroupingScore {
  /** Grouping accuracy: share of lines whose predicted group holds exactly the lines of their true group. */
  readonly ga: number;
  /** F1 of group-level precision and recall. */
  readonly fga: number;
  /** Correct groups / predicted groups. */
  readonly precision: number;
  /** Correct groups / true groups. */
  readonly recall: number;
  /** True groups reproduced exactly by one predicted group. */
  readonly correctGroups: number;
  readonly truthGroups: number;
  readonly predictedGroups: number;
  /** Lines counted correct by GA. */
  readonly correctLines: number;
}

function countBy(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}

/**
 * GA and FGA. A true group is correct when all its lines carry one predicted label and that label
 * is used by no other line; its lines then count as correctly grouped.
 */
export function groupingScore(truth: readonly string[], predicted: readonly string[]): GroupingScore {
  if (truth.length !== predicted.length) {
    throw new RangeError(`groupingScore: ${truth.length} true labels but ${predicted.length} predicted labels`);
  }
  const predictedSizes = countBy(predicted);
  const labelsPerTruth = new Map<string, { size: number; labels: Set<string> }>();
  truth.forEach((label, index) => {
    let entry = labelsPerTruth.get(label);
    if (entry === undefined) {
      entry = { size: 0, labels: new Set() };
      labelsPerTruth.set(label, entry);
    }
    entry.size += 1;
    entry.labels.add(predicted[index] ?? '');
  });
  let correctLines = 0;
  let correctGroups = 0;
  for (const { size, labels } of labelsPerTruth.values()) {
    const [only] = labels;
    if (labels.size === 1 && only !== undefined && predictedSizes.get(only) === size) {
      correctLines += size;
      correctGroups += 1;
    }
  }
  const truthGroups = labelsPerTruth.size;
  const predictedGroups = predictedSizes.size;
  const precision = predictedGroups === 0 ? 0 : correctGroups / predictedGroups;
  const recall = truthGroups === 0 ? 0 : correctGroups / truthGroups;
  const fga = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    ga: truth.length === 0 ? 0 : correctLines / truth.length,
    fga,
    precision,
    recall,
    correctGroups,
    truthGroups,
    predictedGroups,
    correctLines,
  };
}

/** Parsing accuracy: share of lines whose (normalised) predicted template equals the (normalised) true one. */
export function parsingAccuracy(truthTemplates: readonly string[], predictedTemplates: readonly string[]): number {
  if (truthTemplates.length !== predictedTemplates.length) {
    throw new RangeError(
      `parsingAccuracy: ${truthTemplates.length} true templates but ${predictedTemplates.length} predicted templates`,
    );
  }
  if (truthTemplates.length === 0) return 0;
  let correct = 0;
  truthTemplates.forEach((template, index) => {
    if (template === predictedTemplates[index]) correct += 1;
  });
  return correct / truthTemplates.length;
}
