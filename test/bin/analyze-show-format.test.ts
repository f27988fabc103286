import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli, type BuiltCli } from './support/built-cli';
import { type StorageScenarioFiles, writeStorageScenario } from './support/storage-scenario';

/** `2024-03-01 09:31:02.123` (no zone: UTC). */
const localTime = (millis: number): string => new Date(millis).toISOString().replace('T', ' ').replace('Z', '');

describe('culprit analyze --show-format', () => {
  let cli: BuiltCli;
  let dir: string;
  let files: StorageScenarioFiles;

  beforeAll(() => {
    cli = buildCli();
    dir = mkdtempSync(join(tmpdir(), 'culprit-show-format-'));
    // A layout no header rule knows: `LEVEL|time|thread|message`.
    files = writeStorageScenario(dir, (e, i) => {
      const level = /exception/i.test(e.message) ? 'ERROR' : 'INFO';
      return `${level}|${localTime(e.timestamp)}|worker-${i % 7}|${e.message}`;
    });
  });

  afterAll(() => {
    cli.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints each text log's learnt layout with an example line split into header and message, then the analysis", async () => {
    // Act
    const run = await cli.run(['analyze', '--logs', files.logs, '--deploys', files.deploys, '--show-format', '--json']);

    // Assess
    expect(run.code).toBe(0);
    for (const service of ['coordinator', 'storage']) {
      const block = run.stderr.slice(run.stderr.indexOf(`${service}.log:`));
      expect(block).toMatch(
        // The messages are whole lines of other logs: their own header may be learnt inside the last field.
        /^[^\n]*:\nlayout: level time\([\d\s:.-]+\) name(?: \(then on blanks\) [^\n<]+)? <message> {3}\(split on '\|'; 100\.0 % of the sample/,
      );
      expect(block).toMatch(
        /\nexample: header {2}"(INFO|ERROR)\|2024-03-01 [\d:.]+\|worker-\d\|[^"|]*"\n {9}message "[^"|]+"\n/,
      );
    }
    // The analysis itself still runs and prints its report on stdout.
    expect(JSON.parse(run.stdout).incidents).toHaveLength(1);
  });

  it('names the fields a JSON Lines file is read by', async () => {
    // Prepare
    writeFileSync(
      join(dir, 'api.jsonl'),
      Array.from({ length: 30 }, (_, i) =>
        JSON.stringify({ ts: 1_709_285_000_000 + i * 1000, severity: 'INFO', msg: `request ${i} served` }),
      ).join('\n'),
    );

    // Act
    const run = await cli.run([
      'analyze',
      '--logs',
      join(dir, 'api.jsonl'),
      '--deploys',
      files.deploys,
      '--show-format',
    ]);

    // Assess
    expect(run.stderr).toContain('api.jsonl:\nJSON records: timestamp "ts", level "severity", message "msg"');
  });

  it('prints nothing about formats without the flag', async () => {
    // Act
    const run = await cli.run(['analyze', '--logs', files.logs, '--deploys', files.deploys, '--json']);

    // Assess
    expect(run.stderr).not.toContain('layout:');
  });
});
