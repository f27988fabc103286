/**
 * Writes what is generated from the settings model (lambdas/core/settings): the CDK props interface and
 * docs/settings.md. `--check` writes nothing and fails when a file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { biomeFormat } from './settings/biome-format';
import { PROPS_FILE, renderSettingsProps } from './settings/render-props';
import { TABLE_FILE, renderSettingsTable } from './settings/render-table';

const root = path.resolve(__dirname, '..');
const outputs = [
  { file: PROPS_FILE, text: biomeFormat(PROPS_FILE, renderSettingsProps()) },
  { file: TABLE_FILE, text: renderSettingsTable() },
];
const check = process.argv.includes('--check');
let stale = 0;
for (const { file, text } of outputs) {
  const target = path.join(root, file);
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  if (check) {
    process.stderr.write(`${file} is stale: run npm run settings:generate\n`);
    stale += 1;
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
process.exitCode = stale === 0 ? 0 : 1;
