/**
 * The `culprit` CLI bundled with esbuild (with its mining worker beside it) into a temporary folder, run as a
 * child process as users run it, with the environment a test chooses (e.g. `TZ`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

const REPO = path.resolve(__dirname, '../../..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface BuiltCli {
  readonly run: (args: readonly string[], env?: NodeJS.ProcessEnv) => Promise<CliRun>;
  readonly remove: () => void;
}

export function buildCli(): BuiltCli {
  const dir = mkdtempSync(path.join(tmpdir(), 'culprit-cli-'));
  buildSync({
    entryPoints: [path.join(REPO, 'bin/culprit.ts'), path.join(REPO, 'bin/parallel/mining-worker.ts')],
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    target: 'node20',
    outdir: dir,
    logLevel: 'silent',
  });
  const entry = path.join(dir, 'culprit.js');
  const run = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [entry, ...args], {
        cwd: REPO,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
      );
    });
  return { run, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
