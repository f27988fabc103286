/**
 * The `culprit` CLI bundled with esbuild into a temporary folder (~0.2 s) and run as a child process, as users run
 * it, so a test never runs a stale or missing dist/.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { bundleCli } from './bundle-cli';

const REPO = path.resolve(__dirname, '../..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface BuiltCli {
  readonly run: (args: readonly string[], stdin?: Buffer | string) => Promise<CliRun>;
  readonly dir: string;
  readonly remove: () => void;
}

/** Bundles bin/culprit.ts into a temporary folder and returns a runner for it. */
export function buildCli(): BuiltCli {
  const { dir, entry } = bundleCli();
  const run = (args: readonly string[], stdin?: Buffer | string): Promise<CliRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [entry, ...args], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
      );
      child.stdin.on('error', () => undefined); // the CLI may exit before reading all of stdin
      child.stdin.end(stdin ?? '');
    });
  return { run, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
