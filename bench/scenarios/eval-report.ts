/** Text report of an evaluation: overall metrics, a per-kind table, and why each failure failed. */
import type { ScenarioRun } from './evaluate-scenario';
import { type ScenarioScore, type Summary, summarise } from './score';
import { INCIDENT_KINDS } from './types';

const percent = (value: number): string => (Number.isNaN(value) ? '   -' : `${(value * 100).toFixed(0).padStart(3)}%`);
const clock = (millis: number): string => new Date(millis).toISOString().slice(11, 19);

/** A scenario failed if its bad deploy is not ranked first, or any incident blames a deploy that did not cause it. */
export function isFailure(score: ScenarioScore): boolean {
  return (score.badDeployId !== null && !score.top1) || score.blames.some((blame) => !blame.correct);
}

function summaryLines(summary: Summary): string[] {
  const wrong = summary.wrongBlamesByClass;
  return [
    `scenarios ${summary.scenarios} (${summary.withDeploy} with a bad deploy), incident found in ${summary.found}`,
    `AC@1 ${percent(summary.ac1)}   AC@3 ${percent(summary.ac3)}   (bad deploy first / in the top three of the matched incident)`,
    `blame precision ${percent(summary.blamePrecision)} (${summary.correctBlames}/${summary.blames} blames name the bad deploy)   ` +
      `blame recall ${percent(summary.blameRecall)}`,
    `incidents with no deploy behind them that blame one: ${summary.noDeployBlamed}/${summary.noDeployIncidents}`,
    `wrong blames by what was really there: incident ${wrong.incident}, transient burst ${wrong.transient}, ` +
      `harmless change ${wrong.harmless}, nothing ${wrong.spurious}`,
    ...(summary.rewordingsExpected > 0
      ? [`reworded templates reported as log changes: ${summary.rewordingsReported}/${summary.rewordingsExpected}`]
      : []),
  ];
}

function kindTable(scores: readonly ScenarioScore[]): string[] {
  const header = `${'kind'.padEnd(16)} ${'n'.padStart(3)} ${'found'.padStart(6)} ${'AC@1'.padStart(5)} ${'AC@3'.padStart(5)} ${'recall'.padStart(6)} ${'prec'.padStart(5)} ${'no-dep blamed'.padStart(13)}`;
  const rows = INCIDENT_KINDS.map((kind) => {
    const own = scores.filter((score) => score.kind === kind);
    if (own.length === 0) return undefined;
    const s = summarise(own);
    return [
      kind.padEnd(16),
      String(own.length).padStart(3),
      `${s.found}/${own.length}`.padStart(6),
      percent(s.ac1).padStart(5),
      percent(s.ac3).padStart(5),
      percent(s.blameRecall).padStart(6),
      percent(s.blamePrecision).padStart(5),
      `${s.noDeployBlamed}/${s.noDeployIncidents}`.padStart(13),
    ].join(' ');
  });
  return [header, ...rows.filter((row): row is string => row !== undefined)];
}

/** One scenario's failure: what was true, what the matched incident said. */
export function describeFailure(run: ScenarioRun): string[] {
  const { score, scenario } = run;
  const truth = scenario.truth;
  const lines = [`✗ ${truth.seed} [${truth.kind}] ${truth.summary}`];
  if (score.matched === undefined) {
    const starts = run.result.incidents.map((incident) => `${clock(incident.start)} ${incident.services.join('+')}`);
    lines.push(`    no incident near ${clock(truth.incidentStart)}; reported: ${starts.join(', ') || 'none'}`);
  } else {
    const m = score.matched;
    lines.push(
      `    matched incident ${clock(m.start)} services ${m.services.join('+')} severity ${m.severity}, bad deploy rank ${score.rank ?? '-'}`,
    );
    const suspects = m.suspects
      .slice(0, 3)
      .map((s) => `${s.deployId} (${s.service}) ${(s.confidence * 100).toFixed(0)}%${s.blamed ? ' blamed' : ''}`);
    lines.push(`    suspects: ${suspects.join(', ') || 'none'}; no deploy ${(m.unexplained * 100).toFixed(0)}%`);
    const top = m.suspects[0];
    if (top !== undefined && top.deployId !== truth.badDeployId)
      lines.push(`    top suspect evidence: ${top.evidence.slice(0, 2).join(' / ')}`);
  }
  for (const blame of score.blames.filter((b) => !b.correct)) {
    lines.push(
      `    wrong blame ${blame.deployId} (${blame.service}) ${(blame.confidence * 100).toFixed(0)}% on a ${blame.incidentClass} incident at ${clock(blame.incidentStart)}`,
    );
  }
  return lines;
}

/** AC@1 (and wrong blames) with each scenario's logs cut at onset + N s. */
function cutLines(runs: readonly ScenarioRun[]): string[] {
  const cuts = runs[0]?.cuts.map((cut) => cut.cutMs) ?? [];
  return cuts.map((cutMs, index) => {
    const scores = runs
      .map((run) => run.cuts[index]?.score)
      .filter((score): score is ScenarioScore => score !== undefined);
    const s = summarise(scores);
    return `cut at onset + ${cutMs / 1000} s: AC@1 ${percent(s.ac1)}   AC@3 ${percent(s.ac3)}   incident found in ${s.found}/${s.scenarios}   wrong blames ${s.blames - s.correctBlames}`;
  });
}

export function formatEvalReport(runs: readonly ScenarioRun[]): string {
  const scores = runs.map((run) => run.score);
  const failures = runs.filter((run) => isFailure(run.score));
  const cuts = cutLines(runs);
  const lines = [
    ...summaryLines(summarise(scores)),
    ...(cuts.length > 0 ? ['', ...cuts] : []),
    '',
    ...kindTable(scores),
  ];
  if (failures.length > 0) lines.push('', `failures (${failures.length}):`, ...failures.flatMap(describeFailure));
  return `${lines.join('\n')}\n`;
}
