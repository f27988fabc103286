/**
 * `culprit mine` measured as a user runs it: the bench corpus (see bench/corpus) is written to a file, then
 * `node dist/bin/culprit.js mine --input FILE` runs as a child process under GNU time, so start-up, reading,
 * mining and printing the table are all counted. Figures: lines/s, MB/s, CPU µs per line, peak RSS, load.
 *
 *   npm run bench:mine:cli
 *   npm run bench:mine:cli -- --lines 1000000 --raw --runs 3
 *   npm run bench:mine:cli -- --file /tmp/lines.log   # keep (or reuse) the corpus file
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CORPUS_DEFAULTS, generateCorpus, loghubSources } from './corpus';
import { defaultLoghubDir } from './loghub';
import { describeUsage, timedProcess } from './process/timed-process';

const argsSchema = z.object({
  lines: z.coerce.number().int().positive(),
  seed: z.coerce.number().int(),
  raw: z.boolean(),
  runs: z.coerce.number().int().positive(),
  file: z.string().min(1).optional(),
});

function main(): void {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: String(CORPUS_DEFAULTS.seed) },
      raw: { type: 'boolean', default: false },
      runs: { type: 'string', default: '1' },
      file: { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  const args = parsed.data;
  const dir = mkdtempSync(path.join(tmpdir(), 'culprit-mine-cli-'));
  const file = args.file ?? path.join(dir, 'corpus.log');
  try {
    if (!existsSync(file)) {
      const form = args.raw ? 'raw' : 'content';
      const corpus = generateCorpus(loghubSources(undefined, defaultLoghubDir()), {
        lines: args.lines,
        seed: args.seed,
        form,
      });
      writeFileSync(file, `${corpus.lines.join('\n')}\n`);
    }
    const bytes = statSync(file).size;
    const cli = path.resolve(__dirname, '..', 'bin', 'culprit.js');
    const commandArgs = [cli, 'mine', '--input', file, ...(args.raw ? ['--raw'] : [])];
    process.stdout.write(
      `culprit mine${args.raw ? ' --raw' : ''} on ${args.lines} lines (${(bytes / 1e6).toFixed(1)} MB)\n`,
    );
    for (let run = 1; run <= args.runs; run++) {
      const usage = timedProcess(process.execPath, commandArgs, path.join(dir, 'templates.txt'));
      if (usage.exitCode !== 0) throw new Error(`culprit mine exited ${usage.exitCode}: ${usage.stderr}`);
      process.stdout.write(`  run ${run}: ${describeUsage(usage, args.lines, bytes)}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`mine-cli-bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
