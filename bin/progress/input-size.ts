import { stat } from 'node:fs/promises';
import { listLogFiles } from '../input';

/**
 * Total size in bytes of the log files `paths` name (folders expanded as `culprit analyze` reads them), for the
 * progress bar's percentage and time left; undefined when it cannot be known (a file vanished, stdin, …) — the
 * progress then shows counts only.
 */
export async function inputBytes(paths: readonly string[]): Promise<number | undefined> {
  try {
    const files = await listLogFiles(paths);
    const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
    return sizes.reduce((sum, size) => sum + size, 0);
  } catch {
    return undefined;
  }
}
