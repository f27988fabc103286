import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

const REPO = path.resolve(__dirname, '..', '..');

/**
 * Bundles bin/culprit.ts with esbuild into a new temporary folder (~0.2 s), so a test runs the
 * CLI as users do without depending on a stale or missing dist/. The caller removes `dir`.
 */
export function bundleCli(): { readonly entry: string; readonly dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'culprit-cli-'));
  const entry = path.join(dir, 'culprit.js');
  buildSync({
    entryPoints: [path.join(REPO, 'bin/culprit.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile: entry,
    logLevel: 'silent',
  });
  return { entry, dir };
}
