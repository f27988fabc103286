import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BIOME = path.resolve(__dirname, '../../node_modules/.bin/biome');

/** `text` as the repository's formatter writes `file` (so a generated file passes `npm run lint` unchanged). */
export function biomeFormat(file: string, text: string): string {
  const result = spawnSync(BIOME, ['format', `--stdin-file-path=${file}`], { input: text, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`biome could not format ${file}: ${result.stderr}`);
  return result.stdout;
}
