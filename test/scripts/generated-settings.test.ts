import { readFileSync } from 'node:fs';
import path from 'node:path';
import { biomeFormat } from '../../scripts/settings/biome-format';
import { PROPS_FILE, renderSettingsProps } from '../../scripts/settings/render-props';
import { TABLE_FILE, renderSettingsTable } from '../../scripts/settings/render-table';

const ROOT = path.resolve(__dirname, '../..');
const STALE = 'is stale: run npm run settings:generate';

describe('the files generated from the settings model', () => {
  it('docs/settings.md lists every setting as the model declares it', () => {
    const current = readFileSync(path.join(ROOT, TABLE_FILE), 'utf8');

    expect({ file: TABLE_FILE, fresh: current === renderSettingsTable() || STALE }).toEqual({
      file: TABLE_FILE,
      fresh: true,
    });
  });

  it('the CDK props interface documents every stack setting as the model declares it', () => {
    const current = readFileSync(path.join(ROOT, PROPS_FILE), 'utf8');

    expect({ file: PROPS_FILE, fresh: current === biomeFormat(PROPS_FILE, renderSettingsProps()) || STALE }).toEqual({
      file: PROPS_FILE,
      fresh: true,
    });
  });
});
