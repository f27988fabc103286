import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { registerAnalyzeCommand, runAnalyze, type AnalyzeCommandOptions } from '../../bin/commands/analyze';
import type { JsonReport } from '../../bin/output';
import { at } from '../core/analysis/support/synthetic-stream';
import { type StorageScenarioFiles, writeStorageScenario } from './support/storage-scenario';

/** Collects what the command writes. */
function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function run(options: Partial<AnalyzeCommandOptions> & Pick<AnalyzeCommandOptions, 'logs' | 'deploys'>) {
  const stdout = capture();
  const stderr = capture();
  const code = await runAnalyze({ json: false, ...options }, { stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The storage scenario as plain-text logs behind ISO timestamps. */
function writeScenario(dir: string): StorageScenarioFiles {
  return writeStorageScenario(dir, (e) => `${new Date(e.timestamp).toISOString()} ${e.message}`);
}

describe('culprit analyze', () => {
  let dir: string;
  let files: { logs: string; deploys: string };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'culprit-analyze-'));
    files = writeScenario(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON document naming the bad deploy first, blamed, with ISO times and evidence', async () => {
    // Act
    const { code, stdout } = await run({ logs: [files.logs], deploys: files.deploys, json: true });

    // Assess
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.incidents).toHaveLength(1);
    const incident = report.incidents[0];
    expect(incident?.start).toMatch(/^2024-03-01T09:3[12]:\d\d\.\d{3}Z$/);
    expect(incident?.services).toEqual(['storage']);
    expect(incident?.suspects.map((s) => [s.deployId, s.blamed])).toEqual([
      ['dpl-storage-7', true],
      ['dpl-coord-3', false],
    ]);
    expect(incident?.suspects[0]?.timestamp).toBe('2024-03-01T09:30:00.000Z');
    expect(incident?.suspects[0]?.evidence[0]).toMatch(
      /^storage's first anomaly came .* after the deploy: a new error template/,
    );
    expect(report.stats.services).toBe(2);
  });

  it('prints a readable summary with the likely cause and its reasons by default', async () => {
    // Act
    const { code, stdout } = await run({ logs: [files.logs], deploys: files.deploys });

    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Analysed [\d,]+ lines from 2 services \(\d+ templates\): 1 incident, 1 with a blamed deploy\./,
    );
    expect(stdout).toContain('Likely cause: deploy dpl-storage-7 of storage (v2.7.0)');
    expect(stdout).toMatch(/1\. dpl-storage-7 \(storage v2\.7\.0\) deployed 09:30:00Z: \d+% {2}<< blamed/);
    expect(stdout).toContain('exception while serving');
  });

  it("blames through a dependency the config file declares: the quiet callee's deploy is ranked for its caller's errors", async () => {
    // Prepare: storage fails from minute 31 with no deploy of its own; coordinator, which logs nothing new, was
    // deployed at minute 30, and the config file says storage calls coordinator.
    const deploys = join(dir, 'callee-deploys.jsonl');
    writeFileSync(
      deploys,
      JSON.stringify({ id: 'dpl-coord-4', service: 'coordinator', timestamp: new Date(at(30)).toISOString() }),
    );
    const config = join(dir, 'depends.config.json');
    writeFileSync(config, JSON.stringify({ dependsOn: { storage: ['coordinator'] } }));

    // Act
    const declared = await run({ logs: [files.logs], deploys, json: true, config });
    const undeclared = await run({ logs: [files.logs], deploys, json: true });

    // Assess
    const suspectOf = (stdout: string) => (JSON.parse(stdout) as JsonReport).incidents[0]?.suspects[0];
    expect(declared.code).toBe(0);
    expect(suspectOf(declared.stdout)?.deployId).toBe('dpl-coord-4');
    expect(suspectOf(declared.stdout)?.evidence[0]).toMatch(
      /storage depends on coordinator \(declared in dependsOn\) and fails.*blamed through the dependency storage → coordinator/,
    );
    expect(suspectOf(undeclared.stdout)?.evidence.join(' ')).not.toContain('dependsOn');
    expect(suspectOf(declared.stdout)?.confidence).toBeGreaterThan(suspectOf(undeclared.stdout)?.confidence ?? 1);
  });

  it('reports unusable lines on stderr as file:line and still analyses the rest', async () => {
    // Prepare
    const broken = join(dir, 'broken.log');
    writeFileSync(
      broken,
      'no timestamp here\n2024-03-01T09:00:00Z 081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_1 terminating\n',
    );

    // Act
    const { code, stderr } = await run({ logs: [files.logs, broken], deploys: files.deploys, json: true });

    // Assess
    expect(code).toBe(0);
    expect(stderr).toContain(`${broken}:1: no timestamp with a date`);
  });

  it('exits 2 naming the problem when the deploy file is not usable', async () => {
    // Prepare
    const bad = join(dir, 'bad-deploys.jsonl');
    writeFileSync(bad, '{"id": "x", "service": "storage"}\n');

    // Act
    const { code, stdout, stderr } = await run({ logs: [files.logs], deploys: bad, json: true });

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^culprit analyze: deploy file .*bad-deploys\.jsonl: .*timestamp/);
  });

  it('exits 2 when a log path does not exist', async () => {
    // Act
    const { code, stderr } = await run({ logs: [join(dir, 'missing')], deploys: files.deploys });

    // Assess
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read log path .*missing: no such file or directory/);
  });

  it('registers itself with its options on a commander program', () => {
    // Prepare
    const program = new Command('culprit');

    // Act
    registerAnalyzeCommand(program);

    // Assess
    const command = program.commands.find((c) => c.name() === 'analyze');
    expect(command?.options.map((o) => o.long)).toEqual([
      '--logs',
      '--deploys',
      '--json',
      '--lookback',
      '--learning',
      '--blame-threshold',
      '--html',
      '--config',
      '--log-groups',
      '--since',
      '--until',
      '--endpoint',
      '--region',
      '--threads',
      '--show-format',
    ]);
  });
});
