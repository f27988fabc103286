/**
 * `culprit analyze` measured as a user runs it, whole process (start-up, reading, mining, detection, output),
 * under GNU time: on one JSON Lines file of every service interleaved in time order (as an `aws logs` export of
 * several log groups looks; about 200 bytes a line), and on the same incident as one file per service (what
 * `npm run bench:analyze` reads). Figures: lines/s, MB/s, CPU µs per line, peak RSS, load.
 *
 *   npm run bench:analyze:cli
 *   npm run bench:analyze:cli -- --lines 2700000 --runs 2 --dir /tmp/analyze-cli   # keep (or reuse) the files
 *   npm run bench:analyze:cli -- --layout jsonl --threads 1
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { benchScenario, writeInterleavedJsonLines } from './process/bench-scenario';
import { describeUsage, timedProcess } from './process/timed-process';
import { INCIDENT_KINDS, writeScenario } from './scenarios';

const argsSchema = z.object({
  lines: z.coerce.number().int().positive(),
  kind: z.enum(INCIDENT_KINDS),
  seed: z.string().min(1),
  runs: z.coerce.number().int().positive(),
  layout: z.enum(['both', 'jsonl', 'files']),
  threads: z.coerce.number().int().positive().optional(),
  dir: z.string().min(1).optional(),
});

const countLines = (lines: number): string => lines.toLocaleString('en-US');

function main(): void {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '2700000' },
      kind: { type: 'string', default: 'cascade' },
      seed: { type: 'string', default: 'bench-1' },
      runs: { type: 'string', default: '1' },
      layout: { type: 'string', default: 'both' },
      threads: { type: 'string' },
      dir: { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  const args = parsed.data;
  const dir = args.dir ?? mkdtempSync(path.join(tmpdir(), 'culprit-analyze-cli-'));
  const jsonl = path.join(dir, 'interleaved.jsonl');
  const logs = path.join(dir, 'logs');
  try {
    if (!existsSync(jsonl)) {
      const scenario = benchScenario(args.lines, args.seed, args.kind);
      writeScenario(scenario, dir);
      writeInterleavedJsonLines(scenario, jsonl, args.lines);
    }
    const cli = path.resolve(__dirname, '..', 'bin', 'culprit.js');
    const deploys = path.join(dir, 'deploys.json');
    const threads = args.threads === undefined ? [] : ['--threads', String(args.threads)];
    const layouts: { name: string; paths: string[] }[] = [];
    if (args.layout !== 'files') layouts.push({ name: 'one interleaved JSON Lines file', paths: [jsonl] });
    if (args.layout !== 'jsonl') layouts.push({ name: 'one file per service', paths: [logs] });
    for (const layout of layouts) {
      const files = layout.paths[0] === logs ? readdirSync(logs).map((name) => path.join(logs, name)) : layout.paths;
      const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
      for (let run = 1; run <= args.runs; run++) {
        const output = path.join(dir, 'report.json');
        const usage = timedProcess(
          process.execPath,
          [cli, 'analyze', '--logs', ...layout.paths, '--deploys', deploys, '--json', ...threads],
          output,
        );
        if (usage.exitCode !== 0) throw new Error(`culprit analyze exited ${usage.exitCode}: ${usage.stderr}`);
        const report = z
          .object({ stats: z.object({ lines: z.number(), skipped: z.number() }) })
          .parse(JSON.parse(readFileSync(output, 'utf8')));
        const lines = report.stats.lines + report.stats.skipped;
        process.stdout.write(
          `${layout.name} (${countLines(lines)} lines, ${(bytes / 1e6).toFixed(0)} MB), run ${run}: ${describeUsage(usage, lines, bytes)}\n`,
        );
      }
    }
  } finally {
    if (args.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`analyze-cli-bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
