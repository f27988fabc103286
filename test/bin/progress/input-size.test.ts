import { statSync } from 'node:fs';
import path from 'node:path';
import { inputBytes } from '../../../bin/progress';

const LOGS = path.resolve(__dirname, '../../../examples/incident/logs');

describe('inputBytes', () => {
  it('adds up the sizes of the log files in a folder', async () => {
    const files = ['block-store.log', 'compute-fabric.json', 'coordinator.log', 'web-frontend.jsonl'];
    const expected = files.reduce((sum, f) => sum + statSync(path.join(LOGS, f)).size, 0);

    const total = await inputBytes([LOGS]);

    expect(total).toBe(expected);
  });

  it('is unknown when a path does not exist', async () => {
    const total = await inputBytes([path.join(LOGS, 'missing.log')]);

    expect(total).toBeUndefined();
  });
});
