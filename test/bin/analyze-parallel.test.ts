import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { analyzeOptionsSchema, runAnalyze, type AnalyzeCommandOptions } from '../../bin/commands/analyze';
import { listLogFiles, readDeploys, readLogEventBatches } from '../../bin/input';
import { analyzeInParallel, assignFiles } from '../../bin/parallel';
import { Analyzer } from '../../lambdas/core/analysis';
import { CulpritError } from '../../lambdas/core/errors';
import { writeInterleavedJsonLines } from '../../bench/process/bench-scenario';
import { generateScenario, writeScenario, type IncidentKind } from '../../bench/scenarios';

/** Collects what the command writes. */
function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function run(options: Pick<AnalyzeCommandOptions, 'logs' | 'deploys'> & Partial<AnalyzeCommandOptions>) {
  const stdout = capture();
  const stderr = capture();
  const code = await runAnalyze({ json: true, ...options }, { stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

type RunResult = Awaited<ReturnType<typeof run>>;

/** Runs the same analysis on one thread and on several; both outputs, for comparison. */
async function bothWays(options: Pick<AnalyzeCommandOptions, 'logs' | 'deploys'>) {
  const sequential = await run({ ...options, threads: 1 });
  const parallel = await run({ ...options, threads: 4 });
  return { sequential, parallel };
}

/** The parallel run succeeded with the sequential run's report and problems, byte for byte. */
function expectSameAnswer(sequential: RunResult, parallel: RunResult): void {
  expect(parallel.code).toBe(0);
  expect(JSON.parse(parallel.stdout)).toEqual(JSON.parse(sequential.stdout));
  expect(parallel.stderr).toBe(sequential.stderr);
}

/** What the parallel path alone makes of `folder`: merged on workers, or handed back to the sequential path. */
async function parallelOutcome(folder: string): Promise<string> {
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(log|jsonl|json)$/.test(name))
    .sort()
    .map((name) => join(folder, name));
  const outcome = await analyzeInParallel({
    files,
    threads: 4,
    analyzer: new Analyzer(),
    config: undefined,
    onProblem: () => undefined,
    onProgress: () => undefined,
    progressEvery: 4096,
  });
  return outcome.kind;
}

/** Inserts `extra` before the 1-based line `at` of `file` (or at its end). */
function insertLine(file: string, at: number, extra: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.splice(Math.min(at - 1, lines.length - 1), 0, extra);
  writeFileSync(file, lines.join('\n'));
}

/**
 * Times to the second (so events of different files tie, and the merge's tie-break decides) and a block of
 * lines moved back by a few minutes (so a file is not in time order).
 */
function scrambleTimes(file: string): void {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) =>
      line
        .replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.\d{3}Z/, '$1.000Z')
        .replace(/("timestamp":"[^"]*T\d\d:\d\d:\d\d)\.\d{3}Z"/, '$1.000Z"')
        .replace(
          /("timestamp":)(\d+)/,
          (_, key: string, millis: string) => `${key}${Math.floor(Number(millis) / 1000) * 1000}`,
        ),
    );
  const moved = lines.splice(600, 20);
  lines.splice(120, 0, ...moved);
  writeFileSync(file, lines.join('\n'));
}

/**
 * Damages a scenario's files the way real logs are damaged: times that tie across files and lines out of
 * order; text logs get a leading line without a timestamp (unusable), stack-trace continuation lines and
 * blank lines; JSON Lines get malformed JSON and records without a usable timestamp, many of them (more than
 * the CLI lists one by one).
 */
function damage(logsDir: string): void {
  for (const name of readdirSync(logsDir).sort()) {
    const file = join(logsDir, name);
    if (name.endsWith('.log') || name.endsWith('.jsonl')) scrambleTimes(file);
    if (name.endsWith('.log')) {
      for (const at of [400, 250, 120])
        insertLine(file, at, '\tat org.apache.hadoop.ipc.Server$Handler.run(Server.java:2217)');
      insertLine(file, 90, '');
      insertLine(file, 1, 'starting up, no timestamp here');
    } else if (name.endsWith('.jsonl')) {
      for (let at = 2000; at >= 50; at -= 150)
        insertLine(
          file,
          at,
          at % 300 === 0 ? '{"timestamp": "yesterday", "service": "x", "message": "m"}' : '{not json',
        );
    }
  }
}

/** Files that give no event at all: an empty one, and one of unusable lines only. */
function addEventlessFiles(logsDir: string): void {
  writeFileSync(join(logsDir, 'empty.log'), '');
  writeFileSync(join(logsDir, 'notes.log'), 'TODO rotate these logs\nand check the disk\n');
}

/** A generated scenario's files; `folder` is its logs folder, `logs` the CLI's --logs. */
function writeKind(dir: string, kind: IncidentKind, seed: string): { folder: string; logs: string[]; deploys: string } {
  const scenario = generateScenario({
    seed,
    kind,
    durationMinutes: 40,
    rate: { min: 2, max: 4 },
    services: { min: 3, max: 5 },
  });
  writeScenario(scenario, dir);
  return { folder: join(dir, 'logs'), logs: [join(dir, 'logs')], deploys: join(dir, 'deploys.json') };
}

describe('culprit analyze on worker threads', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'culprit-analyze-parallel-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each<[IncidentKind, string]>([
    ['good-then-bad', 'par-1'],
    ['cascade', 'par-2'],
    ['slow-onset', 'par-1'],
    ['rollback', 'par-3'],
  ])('gives exactly the sequential answer and problems on a damaged %s scenario (%s)', async (kind, seed) => {
    // Prepare: text, JSON Lines and CloudWatch exports, with continuation lines and unusable lines.
    const files = writeKind(dir, kind, seed);
    damage(files.folder);
    addEventlessFiles(files.folder);

    // Act
    const { sequential, parallel } = await bothWays({ logs: files.logs, deploys: files.deploys });

    // Assess
    expect(sequential.code).toBe(0);
    expectSameAnswer(sequential, parallel);
    expect(sequential.stderr).toMatch(/\.log:1: no timestamp with a date/);
    expect(await parallelOutcome(files.folder)).toBe('merged');
  });

  it('prints the bundled example incident byte for byte as the sequential run does', async () => {
    const example = { logs: ['examples/incident/logs'], deploys: 'examples/incident/deploys.json' };

    const { sequential, parallel } = await bothWays(example);

    expect(sequential.code).toBe(0);
    expect(parallel.stdout).toBe(sequential.stdout);
    expect(parallel.stderr).toBe(sequential.stderr);
    expect(JSON.parse(sequential.stdout).incidents.length).toBeGreaterThan(0);
    expect(await parallelOutcome('examples/incident/logs')).toBe('merged');
    // Three whole runs of 50 k lines, workers compiling the sources first: slower than the suite's default allows.
  }, 180_000);

  it('gives the sequential result and problem order with tiny chunks, so batches and line groups span many chunks', async () => {
    // Prepare: a scenario with a CloudWatch export (one reader batch of the whole document) and damaged files.
    const files = writeKind(dir, 'good-then-bad', 'par-1');
    damage(files.folder);
    addEventlessFiles(files.folder);
    const logFiles = await listLogFiles(files.logs);
    const sequentialProblems: string[] = [];
    const sequential = new Analyzer();
    for await (const batch of readLogEventBatches(files.logs, {
      onProblem: (p) => sequentialProblems.push(`${p.file}:${p.line}: ${p.problem}`),
    })) {
      for (const event of batch) sequential.push(event);
    }
    const deploys = await readDeploys(files.deploys);
    const parallelProblems: string[] = [];
    const parallel = new Analyzer();

    // Act
    const outcome = await analyzeInParallel({
      files: logFiles,
      threads: 3,
      analyzer: parallel,
      config: undefined,
      onProblem: (p) => parallelProblems.push(`${p.file}:${p.line}: ${p.problem}`),
      onProgress: () => undefined,
      progressEvery: 100,
      tuning: { chunkEvents: 7, linesPerGroup: 3 },
    });

    // Assess
    expect(outcome.kind).toBe('merged');
    expect(parallel.result(deploys)).toEqual(sequential.result(deploys));
    expect(parallelProblems).toEqual(sequentialProblems);
    expect(sequentialProblems.length).toBeGreaterThan(10);
  });

  it('applies the redactions and masks of the config file in the workers as the sequential path does', async () => {
    // Prepare
    const files = writeKind(dir, 'cascade', 'par-5');
    const config = join(dir, 'culprit.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        redactionPatterns: [{ name: 'four-digits', pattern: '[0-9]{4}', replacement: '<N4-REDACTED>' }],
        maskPatterns: [{ name: 'BLOCK', pattern: 'blk_-?\\d+' }],
      }),
    );

    // Act
    const sequential = await run({ logs: files.logs, deploys: files.deploys, config, threads: 1 });
    const parallel = await run({ logs: files.logs, deploys: files.deploys, config, threads: 4 });

    // Assess
    expectSameAnswer(sequential, parallel);
    expect(sequential.stdout).toContain('<N4-REDACTED>');
  });

  it('mines a JSON Lines file of several services on a worker when no other file has them', async () => {
    // Prepare: two JSON Lines services' records in one file.
    const files = writeKind(dir, 'spike', 'par-1');
    const jsonl = readdirSync(files.folder)
      .filter((name) => name.endsWith('.jsonl'))
      .sort();
    const [first, second] = jsonl as [string, string];
    // Interleaved by time: a file that goes back in time by more than the reordering window is refused.
    const stamp = (line: string): string => /"timestamp":"([^"]+)"/.exec(line)?.[1] ?? '';
    const text = `${(readFileSync(join(files.folder, first), 'utf8') + readFileSync(join(files.folder, second), 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .sort((a, b) => (stamp(a) < stamp(b) ? -1 : stamp(a) > stamp(b) ? 1 : 0))
      .join('\n')}\n`;
    rmSync(join(files.folder, first));
    rmSync(join(files.folder, second));
    writeFileSync(join(files.folder, 'mixed.jsonl'), text);

    // Act
    const { sequential, parallel } = await bothWays({ logs: files.logs, deploys: files.deploys });

    // Assess
    expect(jsonl.length).toBeGreaterThanOrEqual(2);
    expectSameAnswer(sequential, parallel);
    expect(await parallelOutcome(files.folder)).toBe('merged');
  });

  it('mines one file of every service interleaved by service on the workers, printing what one thread prints', async () => {
    // Prepare: every service of a scenario in one JSON Lines file, as an `aws logs` export of several groups looks,
    // with unusable records among them.
    const scenario = generateScenario({
      seed: 'par-4',
      kind: 'cascade',
      durationMinutes: 40,
      rate: { min: 2, max: 4 },
      services: { min: 4, max: 5 },
    });
    writeScenario(scenario, dir);
    const file = join(dir, 'export.jsonl');
    const { lines } = writeInterleavedJsonLines(scenario, file, 1_000_000);
    for (let at = 5000; at >= 50; at -= 700) insertLine(file, at, '{not json');
    const options = { logs: [file], deploys: join(dir, 'deploys.json') };

    // Act
    const sequential = await run({ ...options, threads: 1 });
    const twoWorkers = await run({ ...options, threads: 2 });
    const fourWorkers = await run({ ...options, threads: 4 });

    // Assess
    expect(lines).toBeGreaterThan(5000);
    expect(sequential.code).toBe(0);
    expect(sequential.stderr).toMatch(/export\.jsonl:\d+: /);
    for (const parallel of [twoWorkers, fourWorkers]) {
      expect(parallel.code).toBe(0);
      expect(parallel.stdout).toBe(sequential.stdout);
      expect(parallel.stderr).toBe(sequential.stderr);
    }
  }, 180_000);

  it('gives the sequential answer when two files are named after the same service', async () => {
    // Prepare: the first half of a service's log in one folder, the rest in another, both `<service>.log`.
    const files = writeKind(dir, 'bad-deploy', 'par-1');
    const text = readdirSync(files.folder).find((name) => name.endsWith('.log')) as string;
    const lines = readFileSync(join(files.folder, text), 'utf8').split('\n');
    mkdirSync(join(files.folder, 'rotated'));
    writeFileSync(join(files.folder, 'rotated', text), lines.slice(lines.length >> 1).join('\n'));
    writeFileSync(join(files.folder, text), `${lines.slice(0, lines.length >> 1).join('\n')}\n`);

    // Act
    const { sequential, parallel } = await bothWays({ logs: files.logs, deploys: files.deploys });

    // Assess
    expectSameAnswer(sequential, parallel);
    expect(await parallelOutcome(files.folder)).toBe('fallback');
  });

  it('gives the sequential answer and lists each problem once when a JSON Lines file names a service another file has', async () => {
    // Prepare: some of a JSON Lines service's records moved to a file of another name, with unusable lines.
    const files = writeKind(dir, 'spike', 'par-1');
    const jsonl = readdirSync(files.folder).find((name) => name.endsWith('.jsonl')) as string;
    const records = readFileSync(join(files.folder, jsonl), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    writeFileSync(join(files.folder, jsonl), `${records.filter((_, i) => i % 5 !== 0).join('\n')}\n`);
    writeFileSync(join(files.folder, 'zz-sidecar.jsonl'), `${records.filter((_, i) => i % 5 === 0).join('\n')}\n`);
    damage(files.folder);

    // Act
    const { sequential, parallel } = await bothWays({ logs: files.logs, deploys: files.deploys });

    // Assess
    expectSameAnswer(sequential, parallel);
    expect(sequential.stderr).toMatch(/not valid JSON/);
    expect(await parallelOutcome(files.folder)).toBe('fallback');
  });

  it('exits 2 with the sequential message when a worker cannot read a file', async () => {
    // Prepare: /proc/self/mem lists as a file, and reading it fails (EIO) once the worker opens it.
    const files = writeKind(dir, 'drop', 'par-1');
    const logs = [files.folder, '/proc/self/mem'];

    // Act
    const { sequential, parallel } = await bothWays({ logs, deploys: files.deploys });

    // Assess
    expect(sequential.code).toBe(2);
    expect(parallel.code).toBe(2);
    expect(parallel.stderr).toBe(sequential.stderr);
    expect(parallel.stderr).toMatch(/cannot read log file \/proc\/self\/mem: EIO/);
  });

  it('surfaces a failure inside a worker as an error naming the file', async () => {
    // Prepare: a mask pattern the miner cannot compile fails in the worker, on the first line it mines.
    const files = writeKind(dir, 'no-deploy', 'par-1');
    const analyzer = new Analyzer({ miner: { maskPatterns: [{ name: 'BROKEN', pattern: '(' }] } });
    const logFiles = readdirSync(files.folder)
      .sort()
      .map((name) => join(files.folder, name));

    // Act
    const outcome = analyzeInParallel({
      files: logFiles,
      threads: 2,
      analyzer,
      config: undefined,
      onProblem: () => undefined,
      onProgress: () => undefined,
      progressEvery: 4096,
    });

    // Assess
    await expect(outcome).rejects.toThrow(CulpritError);
    await expect(outcome).rejects.toThrow(/mining worker failed \(.*logs\/.*\): .*regular expression/is);
  });

  it('spreads files over the workers so that the most loaded one reads as little as possible', async () => {
    // Prepare: sizes where "largest first onto the least loaded" alone leaves 296 against 268.
    const sizes = [130, 114, 102, 98, 80, 40];
    const files = sizes.map((kib, i) => {
      const file = join(dir, `service-${i}.log`);
      writeFileSync(file, 'x'.repeat(kib * 1024));
      return file;
    });

    // Act
    const groups = await assignFiles(files, 2);

    // Assess
    const loads = groups.map((group) => group.reduce((sum, index) => sum + (sizes[index] as number), 0));
    expect(Math.max(...loads)).toBe(284);
    expect(groups.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reads --threads as a whole number of at least one', () => {
    // Act
    const three = analyzeOptionsSchema.safeParse({ deploys: 'd.json', threads: '3' });
    const none = analyzeOptionsSchema.safeParse({ deploys: 'd.json', threads: '0' });
    const half = analyzeOptionsSchema.safeParse({ deploys: 'd.json', threads: '1.5' });

    // Assess
    expect(three.success && three.data.threads).toBe(3);
    expect(none.success).toBe(false);
    expect(half.success).toBe(false);
  });
});
