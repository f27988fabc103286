/**
 * `npx tsx bench/analyze-bench.ts`: end-to-end throughput of `culprit analyze` on a large generated
 * incident (≥ 3 million lines, several services and formats), through the same path as the CLI:
 * files → readLogEventBatches → Analyzer. The scenario is written to a temporary folder first; the
 * analysis then runs in a fresh child process so its peak RSS is its own. The child first reads and
 * merges the files without analysing them, so the input's share of the cost shows on its own. Both
 * wall and CPU seconds are printed: on a shared machine, lines per CPU second is the steadier figure.
 *
 *   --lines N     lines to generate at least (default 3200000)
 *   --kind K      incident kind (default cascade)
 *   --seed TEXT   scenario seed (default "bench-1")
 *   --dir PATH    use (or keep) this folder instead of a temporary one
 *   --analyze DIR internal: analyse an existing scenario folder and print the measurements
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readDeploys, readLogEventBatches } from '../bin/input';
import { Analyzer } from '../lambdas/core/analysis';
import { INCIDENT_KINDS, type IncidentKind, type Truth, generateScenario, planScenario, writeScenario } from './scenarios';

export const ANALYZE_BENCH_DEFAULTS = { lines: 3_200_000, kind: 'cascade', seed: 'bench-1', services: 6, rate: { min: 20, max: 50 } } as const;

const mib = (kib: number): string => `${(kib / 1024).toFixed(0)} MiB`;

/** Timeline length that makes the planned services print about `lines` lines. */
function minutesFor(lines: number, seed: string, kind: IncidentKind): number {
  let minutes = 240;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const spec = planScenario({ seed, kind, durationMinutes: minutes, services: { min: ANALYZE_BENCH_DEFAULTS.services, max: ANALYZE_BENCH_DEFAULTS.services }, rate: ANALYZE_BENCH_DEFAULTS.rate });
    const expected = spec.services.reduce((sum, service) => sum + service.baseRate, 0) * minutes * 60;
    if (expected >= lines * 1.03) return minutes;
    minutes = Math.ceil((minutes * lines * 1.08) / expected);
  }
  return minutes;
}

/** Wall and CPU seconds of `work`, with what it returns. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** What the `--analyze` child prints (one JSON line). */
interface AnalyzeReport {
  readonly lines: number;
  readonly files: number;
  readonly problems: number;
  /** Reading and merging alone (no analysis): the input side's share. */
  readonly input: { readonly seconds: number; readonly cpuSeconds: number; readonly linesPerSecond: number; readonly linesPerCpuSecond: number };
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly linesPerSecond: number;
  readonly linesPerCpuSecond: number;
  readonly peakRssKiB: number;
  readonly incidents: number;
  readonly badDeployRankedFirst: boolean;
}

async function analyseFolder(dir: string): Promise<void> {
  const logs = [path.join(dir, 'logs')];
  // First the input alone: read and merge every file, no analysis.
  const input = await measured(async () => {
    let events = 0;
    for await (const batch of readLogEventBatches(logs)) events += batch.length;
    return events;
  });
  // Then end to end, as `culprit analyze` runs: batches in, a synchronous loop over each.
  let problems = 0;
  const run = await measured(async () => {
    const stream = readLogEventBatches(logs, { onProblem: () => (problems += 1) });
    const deploys = await readDeploys(path.join(dir, 'deploys.json'));
    const analyzer = new Analyzer();
    for await (const batch of stream) for (const event of batch) analyzer.push(event);
    return { stats: stream.stats, result: analyzer.result(deploys) };
  });
  const { stats, result } = run.value;
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  const first = result.incidents.find((incident) => incident.suspects[0]?.deployId === truth.badDeployId);
  const report: AnalyzeReport = {
    lines: stats.events,
    files: stats.files,
    problems,
    input: {
      seconds: input.seconds,
      cpuSeconds: input.cpuSeconds,
      linesPerSecond: Math.round(input.value / input.seconds),
      linesPerCpuSecond: Math.round(input.value / input.cpuSeconds),
    },
    seconds: run.seconds,
    cpuSeconds: run.cpuSeconds,
    linesPerSecond: Math.round(stats.events / run.seconds),
    linesPerCpuSecond: Math.round(stats.events / run.cpuSeconds),
    peakRssKiB: process.resourceUsage().maxRSS,
    incidents: result.incidents.length,
    badDeployRankedFirst: first !== undefined,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { lines: { type: 'string' }, kind: { type: 'string' }, seed: { type: 'string' }, dir: { type: 'string' }, analyze: { type: 'string' } },
  });
  if (values.analyze !== undefined) return analyseFolder(values.analyze);

  const lines = Number(values.lines ?? ANALYZE_BENCH_DEFAULTS.lines);
  const kind = (values.kind ?? ANALYZE_BENCH_DEFAULTS.kind) as IncidentKind;
  if (!INCIDENT_KINDS.includes(kind)) throw new Error(`unknown kind ${kind}; kinds are ${INCIDENT_KINDS.join(', ')}`);
  const seed = values.seed ?? ANALYZE_BENCH_DEFAULTS.seed;
  const dir = values.dir ?? mkdtempSync(path.join(tmpdir(), 'culprit-analyze-bench-'));
  try {
    if (!existsSync(path.join(dir, 'truth.json'))) {
      const minutes = minutesFor(lines, seed, kind);
      const scenario = generateScenario({
        seed,
        kind,
        durationMinutes: minutes,
        services: { min: ANALYZE_BENCH_DEFAULTS.services, max: ANALYZE_BENCH_DEFAULTS.services },
        rate: ANALYZE_BENCH_DEFAULTS.rate,
      });
      const started = Date.now();
      const written = writeScenario(scenario, dir);
      const formats = scenario.spec.services.map((service) => `${service.name} (${service.format}, ${service.baseRate}/s)`).join(', ');
      process.stdout.write(`generated ${written.lines} lines over ${minutes} min in ${((Date.now() - started) / 1000).toFixed(1)} s: ${formats}\n`);
    }
    // A fresh process, so the peak RSS measured is the analysis's alone.
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1] ?? __filename, '--analyze', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error(`the analysis process failed (exit ${child.status ?? child.signal})`);
    const report = JSON.parse(child.stdout) as AnalyzeReport;
    process.stdout.write(
      `input only (files → readLogEventBatches, no analysis): ${report.input.linesPerSecond} lines/s, ${report.input.linesPerCpuSecond} lines per CPU second (${report.input.seconds.toFixed(1)} s, ${report.input.cpuSeconds.toFixed(1)} CPU s)\n` +
        `culprit analyze end to end (files → readLogEventBatches → Analyzer): ${report.lines} lines from ${report.files} files in ${report.seconds.toFixed(1)} s (${report.cpuSeconds.toFixed(1)} CPU s)\n` +
        `  ${report.linesPerSecond} lines/s, ${report.linesPerCpuSecond} lines per CPU second, peak RSS ${mib(report.peakRssKiB)}, ${report.problems} unreadable lines\n` +
        `  ${report.incidents} incidents; bad deploy ranked first in one of them: ${report.badDeployRankedFirst ? 'yes' : 'no'}\n`,
    );
  } finally {
    if (values.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`analyze-bench crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
