/**
 * Runs a template miner over one loghub dataset and scores it. The miner is passed in (any object
 * with `mine` and `templates`), so the scoring can be tested with a fake and tuned miners can be
 * compared side by side.
 */
import type { LoghubDataset, LoghubDatasetName } from './datasets';
import { groupingScore, parsingAccuracy, type GroupingScore } from './metrics';
import {
  alignWithNullValues,
  collapseWildcards,
  masksToWildcards,
  normaliseTemplate,
  normaliseWhitespace,
} from './normalise';

/** `content`: mine the ground truth's message column. `raw`: mine whole lines, headers included. */
export type EvaluationMode = 'content' | 'raw';

export const EVALUATION_MODES: readonly EvaluationMode[] = ['content', 'raw'];

/** What the harness needs from a miner; `TemplateMiner` fits it. */
export interface MinerLike {
  mine(line: string): { readonly templateId: string };
  templates(): readonly { readonly templateId: string; readonly template: string; readonly count: number }[];
  /** The id a template goes by now, when templates can merge after a line was mined. */
  resolve?(templateId: string): string;
}

export interface EvaluateOptions {
  readonly mode: EvaluationMode;
  /** Called once per dataset: every dataset starts from an empty miner. */
  readonly createMiner: () => MinerLike;
  /** Turns a raw line into what is mined in `raw` mode (the header parser). */
  readonly prepareRaw: (line: string) => string;
}

/** Per-line outcome, kept so that errors can be explained afterwards. */
export interface LineOutcome {
  /** The text given to the miner. */
  readonly mined: string;
  readonly content: string;
  readonly templateId: string;
  /** The line's predicted group: its (resolved) template id. */
  readonly predictedLabel: string;
  /** The line's true group: its ground-truth event id, as logparser's evaluator groups the corrected 2k sets. */
  readonly truthLabel: string;
  /** The final template of the line's cluster, as the miner writes it. */
  readonly predictedTemplate: string;
  readonly predictedNormalised: string;
  readonly truthTemplate: string;
  /** The ground-truth template in comparable form, for PA. */
  readonly truthNormalised: string;
}

export interface DatasetEvaluation {
  readonly dataset: LoghubDatasetName;
  readonly mode: EvaluationMode;
  readonly grouping: GroupingScore;
  readonly pa: number;
  readonly predictedTemplates: number;
  readonly truthTemplates: number;
  /**
   * Lines whose template id (as `mine` returned it, then `resolve`d) is missing from
   * `templates()` at the end of the run: anything but 0 is a miner bug (or an eviction).
   */
  readonly linesWithUnknownId: number;
  readonly lines: readonly LineOutcome[];
}

export function evaluateDataset(dataset: LoghubDataset, options: EvaluateOptions): DatasetEvaluation {
  const miner = options.createMiner();
  const mined = dataset.lines.map((line) => (options.mode === 'raw' ? options.prepareRaw(line.raw) : line.content));
  // Drain reports each line with the template of its cluster at the end of the run, as loghub does.
  const minedIds = mined.map((text) => miner.mine(text).templateId);
  const templateIds = miner.resolve ? minedIds.map((id) => miner.resolve?.(id) ?? id) : minedIds;
  const finalTemplates = new Map(miner.templates().map((info) => [info.templateId, info.template]));
  const lines = dataset.lines.map((line, index): LineOutcome => {
    const text = mined[index] ?? '';
    const templateId = templateIds[index] ?? '';
    const predictedTemplate = finalTemplates.get(templateId) ?? '';
    const aligned = alignWithNullValues(masksToWildcards(predictedTemplate), text);
    return {
      mined: text,
      content: line.content,
      templateId,
      predictedLabel: templateId,
      truthLabel: line.eventId,
      predictedTemplate,
      predictedNormalised: collapseWildcards(normaliseWhitespace(aligned)),
      truthTemplate: line.eventTemplate,
      truthNormalised: normaliseTemplate(line.eventTemplate, line.content),
    };
  });
  const grouping = groupingScore(
    lines.map((line) => line.truthLabel),
    lines.map((line) => line.predictedLabel),
  );
  return {
    dataset: dataset.name,
    mode: options.mode,
    grouping,
    pa: parsingAccuracy(
      lines.map((line) => line.truthNormalised),
      lines.map((line) => line.predictedNormalised),
    ),
    predictedTemplates: new Set(templateIds).size,
    linesWithUnknownId: templateIds.filter((id) => !finalTemplates.has(id)).length,
    truthTemplates: grouping.truthGroups,
    lines,
  };
}

export interface MeanScores {
  readonly ga: number;
  readonly fga: number;
  readonly pa: number;
}

export function meanScores(evaluations: readonly DatasetEvaluation[]): MeanScores {
  const n = evaluations.length;
  if (n === 0) return { ga: 0, fga: 0, pa: 0 };
  const sum = (pick: (evaluation: DatasetEvaluation) => number): number =>
    evaluations.reduce((total, evaluation) => total + pick(evaluation), 0) / n;
  return { ga: sum((e) => e.grouping.ga), fga: sum((e) => e.grouping.fga), pa: sum((e) => e.pa) };
}
