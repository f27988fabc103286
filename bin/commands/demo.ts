/**
 * `culprit demo`: writes the bundled example incident (four services' logs and their deploys, see
 * examples/incident/README.md) to a folder and analyses it, so a newcomer sees a full result in seconds and has
 * files to try the other options on.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { InvalidInputError } from '../../lambdas/core/errors';
import { runAnalyze } from './analyze';

/** What is copied from examples/incident (the LogHub licence travels with its lines). */
const COPIED = ['logs', 'deploys.json', 'LOGHUB-LICENSE', 'README.md'] as const;
const EXAMPLE_MARKER = path.join('examples', 'incident', 'deploys.json');

export const demoOptionsSchema = z.object({ dir: z.string().min(1).optional() });
export type DemoCommandOptions = z.infer<typeof demoOptionsSchema>;

export interface DemoIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Folder holding the example incident. @default found above this file or the working directory */
  readonly exampleDir?: string;
}

/**
 * examples/incident, looked for above this file (dist/bin/commands, or a bundle) and above the working
 * directory, so it is found from a checkout, from dist/ and from a bundled CLI.
 */
export function findExampleDir(starts: readonly string[] = [__dirname, process.cwd()]): string | undefined {
  for (const start of starts) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, EXAMPLE_MARKER))) return path.join(dir, 'examples', 'incident');
      if (path.dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/** Runs `culprit demo`; resolves to the exit code. */
export async function runDemo(options: DemoCommandOptions, io: DemoIo): Promise<number> {
  const example = io.exampleDir ?? findExampleDir();
  if (example === undefined || !existsSync(path.join(example, 'deploys.json'))) {
    io.stderr.write(
      `culprit demo: cannot find the bundled example (${example ?? 'examples/incident'}) next to the culprit program\n`,
    );
    return 2;
  }
  let dir: string;
  try {
    dir = options.dir === undefined ? await mkdtemp(path.join(tmpdir(), 'culprit-demo-')) : path.resolve(options.dir);
    await mkdir(dir, { recursive: true });
    for (const name of COPIED)
      await cp(path.join(example, name), path.join(dir, name), { recursive: true, force: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError(
      `culprit demo: cannot write the example to ${options.dir ?? 'a temporary folder'}: ${reason}`,
      { cause: error },
    );
  }
  const logs = path.join(dir, 'logs');
  const deploys = path.join(dir, 'deploys.json');
  const files = (await readdir(logs)).sort();
  io.stdout.write(
    [
      `Example incident written to ${dir}:`,
      `  logs/ (${files.join(', ')}) and deploys.json — one hour of four services, one bad deploy (README.md tells the story).`,
      `Running: culprit analyze --logs ${logs} --deploys ${deploys}`,
      '',
      '',
    ].join('\n'),
  );
  const code = await runAnalyze({ logs: [logs], deploys, json: false }, { stdout: io.stdout, stderr: io.stderr });
  if (code === 0) {
    io.stdout.write(`\nTry next: culprit analyze --logs ${logs} --deploys ${deploys} --json\n`);
  }
  return code;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Write the bundled example incident to a folder and analyse it (a full result in seconds)')
    .option('--dir <folder>', 'where to write the example (default: a new temporary folder)')
    .action(async (raw: unknown) => {
      const parsed = demoOptionsSchema.safeParse(raw);
      if (!parsed.success) {
        process.stderr.write(
          `culprit demo: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n`,
        );
        process.exitCode = 2;
        return;
      }
      try {
        process.exitCode = await runDemo(parsed.data, { stdout: process.stdout, stderr: process.stderr });
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 2;
      }
    });
}
