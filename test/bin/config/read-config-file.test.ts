import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONFIG_FILE_NAME, findConfigFile, readConfigFile, readConfigFileSync } from '../../../bin/config';

describe('readConfigFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'culprit-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a valid file with its defaults applied', async () => {
    const file = path.join(dir, CONFIG_FILE_NAME);
    writeFileSync(file, JSON.stringify({ services: { '/aws/lambda/x': 'x' }, lookbackMinutes: 45 }));

    const config = await readConfigFile(file);

    expect(config.services).toEqual({ '/aws/lambda/x': 'x' });
    expect(config.lookbackMinutes).toBe(45);
    expect(config.maskPatterns).toEqual([]);
  });

  it('names the file and the JSON path of a wrong value', async () => {
    const file = path.join(dir, CONFIG_FILE_NAME);
    writeFileSync(file, JSON.stringify({ services: { '/aws/lambda/x': 7 } }));

    await expect(readConfigFile(file)).rejects.toThrow(
      /culprit\.config\.json\), 1 problem:\n {2}- services\["\/aws\/lambda\/x"\]: .*expected string/,
    );
  });

  it('points at the line and column of a JSON syntax error', async () => {
    const file = path.join(dir, CONFIG_FILE_NAME);
    writeFileSync(file, '{\n  "services": {},\n  "lookbackMinutes": 30,\n}\n');

    await expect(readConfigFile(file)).rejects.toThrow(
      /culprit\.config\.json\), 1 problem:\n {2}- \(root\): not valid JSON at line 4, column 1/,
    );
  });

  it('says when the file does not exist', async () => {
    await expect(readConfigFile(path.join(dir, 'missing.json'))).rejects.toThrow(
      /missing\.json\), 1 problem:\n {2}- \(file\): cannot read: no such file/,
    );
  });

  it('finds culprit.config.json in a folder only when it is there', async () => {
    const before = await findConfigFile(dir);
    writeFileSync(path.join(dir, CONFIG_FILE_NAME), '{}');
    const after = await findConfigFile(dir);

    expect(before).toBeUndefined();
    expect(after).toBe(path.join(dir, CONFIG_FILE_NAME));
  });

  it('reads synchronously too, handing back the raw JSON for the CDK app', () => {
    const file = path.join(dir, CONFIG_FILE_NAME);
    writeFileSync(file, JSON.stringify({ blameConfidence: 0.7, learningMinutes: 5 }));

    const { config, raw } = readConfigFileSync(file);

    expect(config.learningMinutes).toBe(5);
    expect(raw).toEqual({ blameConfidence: 0.7, learningMinutes: 5 });
  });
});
