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

/** The first `count` raw lines of a loghub-2k dataset (data/loghub-2k, see its LICENSE). */
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

/** A small deterministic random generator (mulberry32): tests that split or mutate at random do the same every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
