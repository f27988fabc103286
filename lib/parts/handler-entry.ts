import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CulpritError } from '../../lambdas/core/errors';
import type { CulpritFunctionName } from '../defaults/function-defaults';

/** The lock files NodejsFunction knows (npm, yarn, pnpm, bun). */
const LOCK_FILES = ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb'] as const;

/** Where NodejsFunction finds a handler and the project it belongs to. */
export interface HandlerEntry {
  readonly entry: string;
  readonly projectRoot: string;
  readonly depsLockFilePath: string;
}

/**
 * Locates `lambdas/<name>/handler.ts` next to `lib/` (running from source with tsx), or the compiled
 * `handler.js` (running from `dist/`), and the lock file above it. Explicit paths mean synth does not
 * depend on the directory `cdk` was started from.
 */
export function handlerEntry(name: CulpritFunctionName): HandlerEntry {
  const lambdasDir = resolve(__dirname, '..', '..', 'lambdas');
  const candidates = ['handler.ts', 'handler.js'].map((file) => join(lambdasDir, name, file));
  const entry = candidates.find((candidate) => existsSync(candidate));
  if (entry === undefined) {
    throw new CulpritError(`Culprit: no handler for the ${name} function; looked for ${candidates.join(' and ')}`);
  }
  // In this repository the lock file is its own; installed as a package (node_modules/culprit), the app's.
  const depsLockFilePath = findUp(LOCK_FILES, lambdasDir);
  if (depsLockFilePath === undefined) {
    throw new CulpritError(
      `Culprit: no ${LOCK_FILES.join(', ')} in ${lambdasDir} or above it; NodejsFunction needs one to bundle`,
    );
  }
  return { entry, projectRoot: dirname(depsLockFilePath), depsLockFilePath };
}

/** The nearest of `files` in `from` or a folder above it. */
function findUp(files: readonly string[], from: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = files.map((file) => join(dir, file)).find((path) => existsSync(path));
    if (candidate !== undefined) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
