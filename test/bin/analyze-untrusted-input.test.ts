/**
 * `culprit analyze` on the bundled example (examples/incident, whose bad deploy is dpl-abcf905f) after the
 * changes a careless or hostile input makes: the answer stays right, or the tool says why it cannot give one;
 * never a wrong answer in silence. Runs the built CLI as a child process, as users do.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { buildCli, type BuiltCli } from './support/built-cli';

const EXAMPLE = path.resolve(__dirname, '../../examples/incident');
const BAD_DEPLOY = 'dpl-abcf905f';
/** Events in the example's four log files. */
const EXAMPLE_LINES = 19_405;

const reportSchema = z.object({
  incidents: z.array(
    z.object({ start: z.string(), suspects: z.array(z.object({ deployId: z.string(), blamed: z.boolean() })) }),
  ),
  stats: z.object({
    lines: z.number(),
    skipped: z.number(),
    files: z.array(
      z.object({ file: z.string(), read: z.number(), skipped: z.number(), reasons: z.record(z.string(), z.number()) }),
    ),
  }),
});

const blamedIn = (stdout: string): string[] =>
  reportSchema
    .parse(JSON.parse(stdout))
    .incidents.flatMap((incident) => incident.suspects.filter((s) => s.blamed).map((s) => s.deployId));

interface Example {
  readonly logs: string;
  readonly deploys: string;
  file(name: string): string;
}

describe('culprit analyze on untrusted input', () => {
  let cli: BuiltCli;
  let dir: string;
  let count = 0;

  /** A fresh copy of the example to change. */
  function example(): Example {
    count += 1;
    const root = path.join(dir, `example-${count}`);
    cpSync(EXAMPLE, root, { recursive: true });
    return {
      logs: path.join(root, 'logs'),
      deploys: path.join(root, 'deploys.json'),
      file: (name) => path.join(root, 'logs', name),
    };
  }

  const analyze = (ex: Example, extra: readonly string[] = [], env: NodeJS.ProcessEnv = {}) =>
    cli.run(['analyze', '--logs', ex.logs, '--deploys', ex.deploys, '--json', ...extra], env);

  const rewriteDeploys = (ex: Example, change: (deploy: Record<string, unknown>) => void, prefix = ''): void => {
    const deploys = JSON.parse(readFileSync(ex.deploys, 'utf8')) as Record<string, unknown>[];
    deploys.forEach(change);
    writeFileSync(ex.deploys, prefix + JSON.stringify(deploys, null, 2));
  };

  beforeAll(() => {
    cli = buildCli();
    dir = mkdtempSync(path.join(tmpdir(), 'culprit-untrusted-'));
  });

  afterAll(() => {
    cli.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('blames the bad deploy when a log file is newest-first (tac)', async () => {
    const ex = example();
    const lines = readFileSync(ex.file('coordinator.log'), 'utf8').trimEnd().split('\n');
    writeFileSync(ex.file('coordinator.log'), `${lines.reverse().join('\n')}\n`);

    const { code, stdout } = await analyze(ex);

    expect(code).toBe(0);
    expect(blamedIn(stdout)).toEqual([BAD_DEPLOY]);
  });

  it.each([
    ['an appended line in 2030', 'coordinator.log', '2030-01-01 00:00:00,000 - INFO  [main:Main@1] - later\n'],
    [
      'lines at 9999-12-31 and 1e300',
      'web-frontend.jsonl',
      '{"timestamp":"9999-12-31T23:59:59Z","service":"web-frontend","message":"x"}\n' +
        '{"timestamp":1e300,"service":"web-frontend","message":"y"}\n',
    ],
  ])('skips %s, says so, and finds no phantom incident', async (_, name, appended) => {
    const ex = example();
    appendFileSync(ex.file(name), appended);

    const { code, stdout, stderr } = await analyze(ex);

    expect(code).toBe(0);
    const report = reportSchema.parse(JSON.parse(stdout));
    // The example's two incidents (the bad deploy's, and web-frontend's error burst no deploy explains), both
    // within its hour: nothing at the appended line's time.
    expect(report.incidents.map((incident) => incident.start.slice(0, 13))).toEqual(['2024-03-12T09', '2024-03-12T09']);
    expect(blamedIn(stdout)).toEqual([BAD_DEPLOY]);
    const skipped = appended.trimEnd().split('\n').length;
    expect(report.stats.skipped).toBe(skipped);
    expect(report.stats.files.find((f) => f.file === ex.file(name))?.skipped).toBe(skipped);
    expect(stderr).toContain(`${ex.file(name)}: ${skipped} line${skipped === 1 ? '' : 's'} skipped`);
  });

  it('reads zone-less times as UTC in deploy files and JSON Lines, whatever TZ says', async () => {
    const ex = example();
    rewriteDeploys(ex, (deploy) => {
      deploy.timestamp = String(deploy.timestamp).replace(/Z$/, '');
    });
    const jsonl = ex.file('web-frontend.jsonl');
    writeFileSync(jsonl, readFileSync(jsonl, 'utf8').replace(/("timestamp":"[^"]+)Z"/g, '$1"'));

    const tokyo = await analyze(ex, [], { TZ: 'Asia/Tokyo' });
    const utc = await analyze(ex, [], { TZ: 'UTC' });

    expect(blamedIn(tokyo.stdout)).toEqual([BAD_DEPLOY]);
    expect(tokyo.stdout).toBe(utc.stdout);
  });

  it('reads deploy times given in epoch seconds', async () => {
    const ex = example();
    rewriteDeploys(ex, (deploy) => {
      deploy.timestamp = Date.parse(String(deploy.timestamp)) / 1000;
    });

    const { stdout } = await analyze(ex);

    expect(blamedIn(stdout)).toEqual([BAD_DEPLOY]);
  });

  it('accepts a deploy file that starts with a byte order mark', async () => {
    const ex = example();
    rewriteDeploys(ex, () => undefined, '\ufeff');

    const { code, stdout } = await analyze(ex);

    expect(code).toBe(0);
    expect(blamedIn(stdout)).toEqual([BAD_DEPLOY]);
  });

  it('refuses a deploy time no date can hold, naming the file and the record', async () => {
    const ex = example();
    rewriteDeploys(ex, (deploy) => {
      if (deploy.id === BAD_DEPLOY) deploy.timestamp = 1e300;
    });

    const { code, stderr } = await analyze(ex);

    expect(code).toBe(2);
    expect(stderr).toMatch(/deploy file .*deploys\.json: index 1: timestamp: not an epoch time a date can hold/);
  });

  it('escapes terminal control characters from deploy fields in the summary', async () => {
    const ex = example();
    rewriteDeploys(ex, (deploy) => {
      if (deploy.id === BAD_DEPLOY) deploy.version = 'v2\r\x1b[2K  Likely cause: deploy dpl-fake\u202e';
    });

    const { stdout } = await cli.run(['analyze', '--logs', ex.logs, '--deploys', ex.deploys]);

    for (const raw of ['\r', '\x1b', '\u202e']) expect(stdout).not.toContain(raw);
    expect(stdout).toContain('v2\\r\\x1b[2K  Likely cause: deploy dpl-fake\\u202e');
    expect(stdout.split('\n').filter((line) => line.trimStart().startsWith('Likely cause: deploy'))).toHaveLength(1);
  });

  it('reads a file named twice (or through a symbolic link) once', async () => {
    const ex = example();
    const link = path.join(dir, `coordinator-link-${count}.log`);
    symlinkSync(ex.file('coordinator.log'), link);

    const { stdout } = await analyze(ex, ['--logs', ex.file('coordinator.log'), link]);

    expect(reportSchema.parse(JSON.parse(stdout)).stats.lines).toBe(EXAMPLE_LINES);
  });

  it('warns about a deploy of a service no log has, listing the services seen', async () => {
    const ex = example();
    rewriteDeploys(ex, (deploy) => {
      if (deploy.id === BAD_DEPLOY) deploy.service = 'co-ordinator';
    });

    const { stderr } = await analyze(ex);

    expect(stderr).toContain(
      'warning: deploy dpl-abcf905f names service "co-ordinator", which no log has, so it cannot be blamed; ' +
        'services in the logs: block-store, compute-fabric, coordinator, web-frontend',
    );
  });

  it('reports a line longer than 64 KiB instead of cutting it in silence', async () => {
    const ex = example();
    appendFileSync(
      ex.file('coordinator.log'),
      `2024-03-12 09:59:59,999 - INFO  [main:Main@1] - ${'x'.repeat(70_000)}\n`,
    );

    const { stdout, stderr } = await analyze(ex);

    expect(stderr).toContain(`${ex.file('coordinator.log')}: 1 line cut (1 longer than the line cap (cut))`);
    const files = reportSchema.parse(JSON.parse(stdout)).stats.files;
    expect(files.find((f) => f.file === ex.file('coordinator.log'))?.reasons).toEqual({
      'longer than the line cap (cut)': 1,
    });
  });

  it('says so when no line of a file could be read', async () => {
    const ex = example();
    writeFileSync(ex.file('broken.log'), 'no timestamp here\nnor here\n');

    const { stdout, stderr } = await analyze(ex);

    expect(stderr).toContain(`${ex.file('broken.log')}: 2 lines skipped (2 no timestamp)`);
    expect(reportSchema.parse(JSON.parse(stdout)).stats.skipped).toBe(2);
  });

  it('gives per file in --json the events read beside the lines skipped, on one thread or several', async () => {
    const ex = example();
    writeFileSync(ex.file('broken.log'), 'no timestamp here\nnor here\n');

    const runs = await Promise.all([analyze(ex, ['--threads', '1']), analyze(ex, ['--threads', '2'])]);
    const [sequential, parallel] = runs.map((run) => reportSchema.parse(JSON.parse(run.stdout)).stats.files);

    expect(sequential).toEqual(parallel);
    expect(sequential?.reduce((sum, f) => sum + f.read, 0)).toBe(EXAMPLE_LINES);
    expect(sequential?.find((f) => f.file === ex.file('broken.log'))).toMatchObject({ read: 0, skipped: 2 });
    expect(sequential?.filter((f) => f.read > 0)).toHaveLength(4);
  });
});
