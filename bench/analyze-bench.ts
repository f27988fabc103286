/**
 * `npx tsx bench/analyze-bench.ts`: end-to-end throughput of `culprit analyze` on a large generated
 * incident (≥ 3 million lines, several services and formats), through the CLI's own `runAnalyze`
 * (`culprit analyze --json --threads N`), once on one thread and once with the default thread count.
 * The scenario is written to a folder first; each analysis then runs in a fresh child process so its
 * peak RSS is its own (worker threads included). The `--threads 1` child first reads and merges the
 * files without analysing them, so the input's share of the cost shows on its own. Both wall and CPU
 * seconds are printed: on a shared machine, lines per CPU second is the steadier figure.
 *
 *   --lines N     lines to generate at least (default 3200000)
 *   --kind K      incident kind (default cascade)
 *   --seed TEXT   scenario seed (default "bench-1")
 *   --dir PATH    use (or keep) this folder instead of a temporary one
 *   --threads N,M mining threads to measure (default: 1 and the CLI's default, one per core)
 *   --runs N      measure each thread count N times, alternating (default 1)
 *   --analyze DIR internal: analyse an existing scenario folder and print the measurements
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { runAnalyze } from '../bin/commands/analyze';
import { listLogFiles, readLogEventBatches } from '../bin/input';
import type { JsonReport } from '../bin/output';
import { minutesFor } from './process/bench-scenario';
import { INCIDENT_KINDS, type IncidentKind, type Truth, generateScenario, writeScenario } from './scenarios';

export const ANALYZE_BENCH_DEFAULTS = {
  lines: 3_200_000,
  kind: 'cascade',
  seed: 'bench-1',
  services: 6,
  rate: { min: 20, max: 50 },
} as const;

const mib = (kib: number): string => `${(kib / 1024).toFixed(0)} MiB`;

/** Wall and CPU seconds of `work`, with what it returns. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** What the `--analyze` child prints (one JSON line). */
interface AnalyzeReport {
  /** Mining threads asked for (`--threads`), and files read. */
  readonly threads: number;
  readonly lines: number;
  readonly files: number;
  /** Reading and merging alone (no analysis): the input side's share; measured only with `--threads 1`. */
  readonly input?: {
    readonly seconds: number;
    readonly cpuSeconds: number;
    readonly linesPerSecond: number;
    readonly linesPerCpuSecond: number;
  };
  readonly seconds: number;
  /** CPU seconds of the whole process: every thread, workers included. */
  readonly cpuSeconds: number;
  readonly linesPerSecond: number;
  readonly linesPerCpuSecond: number;
  /** Peak resident set of the process (worker threads share it, so they are included). */
  readonly peakRssKiB: number;
  readonly incidents: number;
  readonly badDeployRankedFirst: boolean;
}

/** A writable that keeps what is written, as text. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function analyseFolder(dir: string, threads: number): Promise<void> {
  const logs = [path.join(dir, 'logs')];
  let input: AnalyzeReport['input'];
  if (threads === 1) {
    // First the input alone: read and merge every file, no analysis.
    const read = await measured(async () => {
      let events = 0;
      for await (const batch of readLogEventBatches(logs)) events += batch.length;
      return events;
    });
    input = {
      seconds: read.seconds,
      cpuSeconds: read.cpuSeconds,
      linesPerSecond: Math.round(read.value / read.seconds),
      linesPerCpuSecond: Math.round(read.value / read.cpuSeconds),
    };
  }
  // Then end to end, exactly as `culprit analyze --json --threads N` runs (output kept in memory).
  const stdout = collector();
  const stderr = collector();
  const run = await measured(() =>
    runAnalyze(
      { logs, deploys: path.join(dir, 'deploys.json'), json: true, threads },
      { stdout: stdout.stream, stderr: stderr.stream },
    ),
  );
  if (run.value !== 0) throw new Error(`culprit analyze exited ${run.value}: ${stderr.text()}`);
  const result = JSON.parse(stdout.text()) as JsonReport;
  const lines = result.stats.lines + result.stats.skipped;
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
  const first = result.incidents.find((incident) => incident.suspects[0]?.deployId === truth.badDeployId);
  const report: AnalyzeReport = {
    threads,
    lines,
    files: (await listLogFiles(logs)).length,
    ...(input === undefined ? {} : { input }),
    seconds: run.seconds,
    cpuSeconds: run.cpuSeconds,
    linesPerSecond: Math.round(lines / run.seconds),
    linesPerCpuSecond: Math.round(lines / run.cpuSeconds),
    peakRssKiB: process.resourceUsage().maxRSS,
    incidents: result.incidents.length,
    badDeployRankedFirst: first !== undefined,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Runs the `--analyze` child for one thread count; its peak RSS is its own. */
function analyseInChild(dir: string, threads: number): AnalyzeReport {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1] ?? __filename, '--analyze', dir, '--threads', String(threads)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (child.status !== 0) throw new Error(`the analysis process failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(child.stdout) as AnalyzeReport;
}

function printReport(report: AnalyzeReport, label: string): void {
  if (report.input !== undefined) {
    process.stdout.write(
      `input only (files → readLogEventBatches, no analysis): ${report.input.linesPerSecond} lines/s, ${report.input.linesPerCpuSecond} lines per CPU second (${report.input.seconds.toFixed(1)} s, ${report.input.cpuSeconds.toFixed(1)} CPU s)\n`,
    );
  }
  process.stdout.write(
    `culprit analyze ${label}: ${report.lines} lines from ${report.files} files in ${report.seconds.toFixed(1)} s (${report.cpuSeconds.toFixed(1)} CPU s, all threads)\n` +
      `  ${report.linesPerSecond} lines/s, ${report.linesPerCpuSecond} lines per CPU second, peak RSS ${mib(report.peakRssKiB)} (workers included); ` +
      `${report.incidents} incidents, bad deploy ranked first: ${report.badDeployRankedFirst ? 'yes' : 'no'}\n`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string' },
      kind: { type: 'string' },
      seed: { type: 'string' },
      dir: { type: 'string' },
      analyze: { type: 'string' },
      threads: { type: 'string' },
      runs: { type: 'string' },
    },
  });
  // The default of `culprit analyze --threads`: one per core (the CLI caps it at one per file).
  const defaultThreads = availableParallelism();
  if (values.analyze !== undefined) return analyseFolder(values.analyze, Number(values.threads ?? 1));

  const lines = Number(values.lines ?? ANALYZE_BENCH_DEFAULTS.lines);
  const kind = (values.kind ?? ANALYZE_BENCH_DEFAULTS.kind) as IncidentKind;
  if (!INCIDENT_KINDS.includes(kind)) throw new Error(`unknown kind ${kind}; kinds are ${INCIDENT_KINDS.join(', ')}`);
  const seed = values.seed ?? ANALYZE_BENCH_DEFAULTS.seed;
  const runs = Number(values.runs ?? 1);
  const threadCounts = values.threads === undefined ? [1, defaultThreads] : values.threads.split(',').map(Number);
  if (!(runs >= 1) || threadCounts.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--runs and --threads take whole numbers ≥ 1 (--threads: a comma-separated list)');
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
      const formats = scenario.spec.services
        .map((service) => `${service.name} (${service.format}, ${service.baseRate}/s)`)
        .join(', ');
      process.stdout.write(
        `generated ${written.lines} lines over ${minutes} min in ${((Date.now() - started) / 1000).toFixed(1)} s: ${formats}\n`,
      );
    }
    // Runs alternate between thread counts, so a burst of load from elsewhere does not land on one of them only.
    process.stdout.write(
      `${loadavg()[0]?.toFixed(2) ?? '?'} load average (1 min), ${defaultThreads} cores available\n`,
    );
    for (let run = 1; run <= runs; run += 1) {
      for (const threads of threadCounts) {
        printReport(
          analyseInChild(dir, threads),
          `--threads ${threads}${threads === defaultThreads ? ' (the default here)' : ''}${runs > 1 ? `, run ${run}` : ''}`,
        );
      }
    }
  } finally {
    if (values.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `analyze-bench crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
