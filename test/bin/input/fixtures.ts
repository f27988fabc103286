/** Shared helpers of the input reader tests: a fresh temporary folder per test, and real loghub lines. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadLoghubDataset, type LoghubDatasetName } from '../../../bench/loghub';

/** Registers hooks that give every test its own empty folder; returns a getter for it. */
export function useTempDir(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'culprit-input-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** Writes `content` to `relative` under `dir` (folders created) and returns the full path. */
export function writeFile(dir: string, relative: string, content: string | Buffer): string {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** The first `count` raw lines of a loghub-2k dataset (../shared/data/loghub-2k, see its LICENSE). */
export function loghubLines(name: LoghubDatasetName, count: number): string[] {
  return loadLoghubDataset(name)
    .lines.slice(0, count)
    .map((line) => line.raw);
}

export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}
