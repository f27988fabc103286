/**
 * `culprit mine` scanning lines ahead on worker threads must print exactly what it prints on one thread, and a
 * worker that fails must stop the run with an error naming it, without hanging or leaving threads behind (jest
 * exits by itself after this suite).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runMine, type MineCommandOptions, type MineScanning } from '../../bin/commands/mine';
import { scanAhead } from '../../bin/commands/mine-scan-ahead';
import type { LineBatch } from '../../bin/input/line-reader';
import { LOGHUB_DATASETS } from '../../bench/loghub';
import { rawLines } from '../core/drain/loghub-lines';

/** Workers from the first batch on, whatever the input's size. */
const AT_ONCE: MineScanning = { startAfterLines: 0, startAtBytes: 0 };

async function mine(
  options: Partial<MineCommandOptions> & { input: string },
  scanning: MineScanning = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await runMine(
    { jsonl: false, asMined: false, raw: false, showFormat: false, ...options },
    { stdin: new PassThrough(), stdout, stderr },
    scanning,
  );
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

describe('culprit mine on worker threads', () => {
  let dir: string;
  let loghub: string;
  let generated: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'culprit-mine-threads-'));
    loghub = path.join(dir, 'loghub.log');
    writeFileSync(loghub, `${LOGHUB_DATASETS.flatMap((name) => rawLines(name)).join('\n')}\n`);
    // 60,000 lines: the ten sets three times over with their numbers changed, empty and blank lines, \r\n ends,
    // and a last line without a newline.
    const lines: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const name of LOGHUB_DATASETS) {
        for (const line of rawLines(name)) lines.push(line.replace(/\d+/g, (digits) => String(Number(digits) + round)));
        lines.push('', '  \t', 'ends with a carriage return 42\r');
      }
    }
    generated = path.join(dir, 'generated.log');
    writeFileSync(generated, lines.join('\n'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const outputs: [string, Partial<MineCommandOptions>][] = [
    ['the template table', {}],
    ['--jsonl', { jsonl: true }],
    ['--as-mined', { asMined: true }],
    ['--raw', { raw: true }],
    ['--raw --jsonl', { raw: true, jsonl: true }],
  ];

  it.each(outputs)('prints the same %s for the ten loghub sets on one thread and with three', async (_, options) => {
    // Act
    const single = await mine({ ...options, input: loghub, threads: 1 });
    const threaded = await mine({ ...options, input: loghub, threads: 3 }, AT_ONCE);

    // Assess
    expect(single.code).toBe(0);
    expect(threaded).toEqual(single);
  });

  it.each(outputs)('prints the same %s for a larger generated input on one thread and with two', async (_, options) => {
    // Act
    const single = await mine({ ...options, input: generated, threads: 1 });
    const threaded = await mine({ ...options, input: generated, threads: 2 }, { startAfterLines: 5000 });

    // Assess
    expect(single.code).toBe(0);
    expect(single.stdout).not.toBe('');
    expect(threaded).toEqual(single);
  });

  it('rejects with an error naming the scanning worker when a worker fails, and stops the others', async () => {
    // Prepare: options the miner refuses, so each worker fails as it starts.
    async function* twoBatches(): AsyncGenerator<LineBatch> {
      yield { firstNumber: 1, texts: ['a 1', 'b 2'], truncated: [] };
      yield { firstNumber: 3, texts: ['c 3'], truncated: [] };
    }
    const batches = scanAhead(twoBatches(), {
      workers: 2,
      miner: { depth: 99 },
      inputBytes: undefined,
      messagesOf: (texts) => texts,
      ...AT_ONCE,
    });

    // Act
    const reading = (async () => {
      for await (const _ of batches) {
        // consumed
      }
    })();

    // Assess
    await expect(reading).rejects.toThrow(/^scanning worker failed: .*depth/s);
  });
});
