import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CulpritError } from '../../lambdas/core/errors';
import type { CulpritFunctionName } from '../defaults/function-defaults';

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
  const depsLockFilePath = findUp('package-lock.json', lambdasDir);
  if (depsLockFilePath === undefined) {
    throw new CulpritError(
      `Culprit: no package-lock.json in ${lambdasDir} or above it; NodejsFunction needs one to bundle`,
    );
  }
  return { entry, projectRoot: dirname(depsLockFilePath), depsLockFilePath };
}

function findUp(file: string, from: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = join(dir, file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
