/**
 * `npx tsx bench/eval.ts`: how well `culprit analyze` names the deploy that broke production, over
 * generated incident scenarios (see bench/scenarios): AC@1, AC@3, blame precision and recall, false
 * blames on incidents no deploy caused, per incident kind, and why each failure failed. Seeds are
 * fixed, so two runs print the same numbers. Exits non-zero only when something crashes.
 *
 *   --per-kind N     scenarios per incident kind (default 5; 20 kinds)
 *   --minutes N      timeline length (default 180)
 *   --max-rate N     highest mean lines/s of a service (default 20; rates are drawn in [2, N])
 *   --kinds a,b      only these kinds
 *   --seed TEXT      seed prefix (default "eval")
 *   --json FILE      also write every scenario's score as JSON
 *   --cut 60,120,300 also read each scenario's verdict with its logs cut at onset + N s (AC@1 per cut)
 *
 * Seeds: `eval` (the default) and `extra` are the tuning seeds; `holdout2` is kept apart for the kinds of
 * production conditions and is only ever run to report, never to tune.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { INCIDENT_KINDS, type IncidentKind } from './scenarios';
import { formatEvalReport } from './scenarios/eval-report';
import { type ScenarioRun, evaluateScenario } from './scenarios/evaluate-scenario';

export const EVAL_DEFAULTS = { perKind: 5, minutes: 180, minRate: 2, maxRate: 20, seed: 'eval' } as const;

function kindsFrom(text: string | undefined): IncidentKind[] {
  if (text === undefined) return [...INCIDENT_KINDS];
  const kinds = text.split(',').map((kind) => kind.trim());
  const unknown = kinds.filter((kind) => !(INCIDENT_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0)
    throw new Error(`unknown kind(s) ${unknown.join(', ')}; kinds are ${INCIDENT_KINDS.join(', ')}`);
  return kinds as IncidentKind[];
}

function positiveNumber(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got ${text}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'per-kind': { type: 'string' },
      minutes: { type: 'string' },
      'max-rate': { type: 'string' },
      kinds: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'string' },
      cut: { type: 'string' },
    },
  });
  const cutsMs = (values.cut ?? '')
    .split(',')
    .filter((text) => text.trim() !== '')
    .map((text) => positiveNumber(text.trim(), 0, 'cut') * 1000);
  const perKind = positiveNumber(values['per-kind'], EVAL_DEFAULTS.perKind, 'per-kind');
  const minutes = positiveNumber(values.minutes, EVAL_DEFAULTS.minutes, 'minutes');
  const maxRate = positiveNumber(values['max-rate'], EVAL_DEFAULTS.maxRate, 'max-rate');
  const seed = values.seed ?? EVAL_DEFAULTS.seed;
  const kinds = kindsFrom(values.kinds);
  const total = kinds.length * perKind;
  process.stdout.write(
    `culprit eval: ${total} scenarios (${perKind} per kind), ${minutes} min each, ${EVAL_DEFAULTS.minRate}–${maxRate} lines/s per service, seed "${seed}"\n`,
  );
  const runs: ScenarioRun[] = [];
  let lines = 0;
  let elapsed = 0;
  for (let i = 0; i < perKind; i += 1) {
    for (const kind of kinds) {
      const run = await evaluateScenario(
        {
          seed: `${seed}-${i + 1}`,
          kind,
          durationMinutes: minutes,
          rate: { min: EVAL_DEFAULTS.minRate, max: Math.max(EVAL_DEFAULTS.minRate, maxRate) },
        },
        undefined,
        cutsMs,
      );
      runs.push(run);
      lines += run.lines;
      elapsed += run.elapsedMs;
      const verdict =
        (run.score.badDeployId === null ? `blamed ${run.score.noDeployBlamed}` : `rank ${run.score.rank ?? '-'}`) +
        run.cuts.map((cut) => `, +${cut.cutMs / 1000}s rank ${cut.score.rank ?? '-'}`).join('');
      process.stderr.write(
        `  [${runs.length}/${total}] ${run.scenario.truth.seed} ${kind}: ${verdict} (${run.lines} lines, ${(run.elapsedMs / 1000).toFixed(1)} s)\n`,
      );
    }
  }
  process.stdout.write(`\n${formatEvalReport(runs)}`);
  process.stdout.write(
    `\n${lines} lines generated and analysed in ${(elapsed / 1000).toFixed(1)} s (${Math.round(lines / (elapsed / 1000))} lines/s)\n`,
  );
  if (values.json !== undefined) {
    const scores = runs.map((run) => {
      const { scenario, score, lines: count } = run;
      return {
        truth: scenario.truth,
        lines: count,
        rank: score.rank,
        cuts: run.cuts.map((cut) => ({ cutMs: cut.cutMs, rank: cut.score.rank, top1: cut.score.top1 })),
        top1: score.top1,
        top3: score.top3,
        blamedBad: score.blamedBad,
        blames: score.blames,
        noDeployIncidents: score.noDeployIncidents,
        noDeployBlamed: score.noDeployBlamed,
        matched:
          score.matched === undefined
            ? null
            : { start: score.matched.start, services: score.matched.services, suspects: score.matched.suspects },
      };
    });
    writeFileSync(values.json, `${JSON.stringify(scores, null, 2)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`eval crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
