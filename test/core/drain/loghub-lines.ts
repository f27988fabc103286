import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Real lines from the loghub-2k datasets (data/loghub-2k; see its LICENSE). */
export { LOGHUB_DIR } from '../../support/loghub-dir';
import { LOGHUB_DIR } from '../../support/loghub-dir';

/** The raw lines of one dataset, headers included. */
export function rawLines(dataset: string): string[] {
  return readFileSync(path.join(LOGHUB_DIR, dataset, `${dataset}_2k.log`), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);
}

/** The message part of HDFS lines: everything after `LEVEL component: `. */
export function hdfsMessages(): string[] {
  return rawLines('HDFS').map((line) => line.replace(/^\d+ \d+ \d+ \w+ [^:]+: /, ''));
}
