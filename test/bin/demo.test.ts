import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { findExampleDir, registerDemoCommand, runDemo } from '../../bin/commands/demo';

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('culprit demo', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'culprit-demo-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the example incident to --dir and prints the analysis that blames the bad deploy', async () => {
    const out = collector();
    const err = collector();
    const target = path.join(dir, 'incident');

    const code = await runDemo({ dir: target }, { stdout: out.stream, stderr: err.stream });

    expect(code).toBe(0);
    expect(readdirSync(path.join(target, 'logs')).sort()).toEqual([
      'block-store.log',
      'compute-fabric.json',
      'coordinator.log',
      'web-frontend.jsonl',
    ]);
    expect(existsSync(path.join(target, 'deploys.json'))).toBe(true);
    expect(existsSync(path.join(target, 'LOGHUB-LICENSE'))).toBe(true);
    expect(out.text()).toContain(`Example incident written to ${target}`);
    expect(out.text()).toMatch(/Likely cause: deploy dpl-abcf905f of coordinator/);
    expect(err.text()).toBe('');
  });

  it('is registered as a sub-command with a --dir option', async () => {
    const program = new Command('culprit').exitOverride();
    registerDemoCommand(program);
    const demo = program.commands.find((c) => c.name() === 'demo');

    expect(demo?.options.map((o) => o.long)).toEqual(['--dir']);
  });

  it('finds the bundled example from the repository', () => {
    const example = findExampleDir([__dirname]);

    expect(example).toBe(path.resolve(__dirname, '../../examples/incident'));
  });

  it('fails with exit code 2 when the example is missing', async () => {
    const out = collector();
    const err = collector();

    const code = await runDemo(
      { dir },
      { stdout: out.stream, stderr: err.stream, exampleDir: path.join(dir, 'nowhere') },
    );

    expect(code).toBe(2);
    expect(err.text()).toMatch(/^culprit demo: cannot find the bundled example \(.*nowhere\)/);
    expect(out.text()).toBe('');
  });
});
