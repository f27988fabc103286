import * as path from 'node:path';
import { InvalidInputError } from '../../../lambdas/core/errors';
import { readDeploys } from '../../../bin/input/deploy-file';
import { useTempDir, writeFile } from './fixtures';

const checkout = {
  id: 'dpl-1',
  service: 'checkout',
  timestamp: '2024-03-12T08:30:00Z',
  version: 'v2.4.1',
  commit: '9f3c2ab',
  author: 'a.okafor',
};
const payments = {
  id: 'dpl-2',
  service: 'payments',
  timestamp: Date.UTC(2024, 2, 12, 8, 0),
  description: 'Tune pool sizes',
};

describe('readDeploys', () => {
  const tempDir = useTempDir();

  it('reads JSON Lines, sorted by time, timestamps in epoch ms, source defaulting to "file"', async () => {
    const file = writeFile(tempDir(), 'deploys.jsonl', `${JSON.stringify(checkout)}\n\n${JSON.stringify(payments)}\n`);

    const deploys = await readDeploys(file);

    expect(deploys).toEqual([
      { ...payments, source: 'file' },
      { ...checkout, timestamp: Date.UTC(2024, 2, 12, 8, 30), source: 'file' },
    ]);
  });

  it('reads a JSON array and keeps a given source', async () => {
    const file = writeFile(tempDir(), 'deploys.json', JSON.stringify([{ ...checkout, source: 'codedeploy' }], null, 2));

    const [deploy] = await readDeploys(file);

    expect(deploy?.source).toBe('codedeploy');
  });

  it('reads one pretty-printed deploy, and {"deploys": [...]}', async () => {
    const one = writeFile(tempDir(), 'one.json', JSON.stringify(checkout, null, 2));
    const wrapped = writeFile(tempDir(), 'wrapped.json', JSON.stringify({ deploys: [checkout, payments] }, null, 2));

    expect((await readDeploys(one)).map((deploy) => deploy.id)).toEqual(['dpl-1']);
    expect((await readDeploys(wrapped)).map((deploy) => deploy.id)).toEqual(['dpl-2', 'dpl-1']);
  });

  it('reads an empty file as no deploys', async () => {
    expect(await readDeploys(writeFile(tempDir(), 'deploys.jsonl', ''))).toEqual([]);
  });

  it('keeps a deploy listed twice with the same fields once', async () => {
    const file = writeFile(tempDir(), 'deploys.jsonl', `${JSON.stringify(checkout)}\n${JSON.stringify(checkout)}\n`);

    expect(await readDeploys(file)).toHaveLength(1);
  });

  it('names the file and every bad line in one InvalidInputError', async () => {
    const file = writeFile(
      tempDir(),
      'deploys.jsonl',
      [
        JSON.stringify(checkout),
        '{"id": "dpl-3", ',
        JSON.stringify({ id: 'dpl-4', service: 'checkout' }),
        JSON.stringify({ ...checkout, version: 'v9' }),
      ].join('\n'),
    );

    const reading = readDeploys(file);

    await expect(reading).rejects.toBeInstanceOf(InvalidInputError);
    await expect(reading).rejects.toThrow(
      new RegExp(
        `^deploy file ${file}: line 2: not valid JSON: .*; line 3: timestamp: .*; line 4: deploy id dpl-1 is already used by line 1 with different fields$`,
      ),
    );
  });

  it('names the index of a bad record of a JSON array', async () => {
    const file = writeFile(tempDir(), 'deploys.json', JSON.stringify([checkout, { ...payments, service: '' }]));

    await expect(readDeploys(file)).rejects.toThrow(`deploy file ${file}: index 1: service:`);
  });

  it('throws an InvalidInputError naming a file that cannot be read', async () => {
    const missing = path.join(tempDir(), 'missing.json');

    const reading = readDeploys(missing);

    await expect(reading).rejects.toBeInstanceOf(InvalidInputError);
    await expect(reading).rejects.toThrow(`cannot read deploy file ${missing}: no such file`);
  });

  it('throws an InvalidInputError for a file that is not JSON at all', async () => {
    const file = writeFile(tempDir(), 'deploys.txt', 'checkout v2.4.1 at 08:30\n');

    await expect(readDeploys(file)).rejects.toThrow(`deploy file ${file}: line 1: not valid JSON`);
  });
});
