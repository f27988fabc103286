/**
 * `npm run test:unit` and `npm run test:e2e` split the suites (jest.config.js): each suite belongs to exactly one,
 * and a suite that starts a local protocol server or the browser, itself or through a test helper, is an e2e one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import e2eSuites from './e2e-suites.json';

const ROOT = path.resolve(__dirname, '..');
const JEST = path.join(ROOT, 'node_modules', '.bin', 'jest');

/** Starting fauxqs, dynalite, moto_server, an HTTP server or Chromium. */
const STARTS_SERVER =
  /spawn\(\s*'moto_server'|from 'dynalite'|require\('dynalite'\)|from 'fauxqs'|createServer\(|chromium|playwright/;
const RELATIVE_IMPORT = /from '(\.[^']+)'|import\('(\.[^']+)'\)|require(?:Actual)?(?:<[^>]*>)?\('(\.[^']+)'\)/g;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.ts') ? [path.relative(ROOT, full)] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

/** Whether `file`, or a test helper it imports (transitively), starts a server or the browser. */
function startsServer(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  if (STARTS_SERVER.test(text)) return true;
  for (const match of text.matchAll(RELATIVE_IMPORT)) {
    const target = resolveImport(file, match[1] ?? match[2] ?? match[3] ?? '');
    if (target?.startsWith(path.join(ROOT, 'test')) && startsServer(target, seen)) return true;
  }
  return false;
}

function listedBy(project: 'unit' | 'e2e'): string[] {
  const run = spawnSync(JEST, ['--listTests', '--json', '--selectProjects', project], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`jest --listTests failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as string[]).map((file) => path.relative(ROOT, file)).sort();
}

describe('the unit and e2e test projects', () => {
  const all = testFiles(path.join(ROOT, 'test')).sort();

  it('hold every suite exactly once between them', () => {
    const unit = listedBy('unit');
    const e2e = listedBy('e2e');

    expect([...unit, ...e2e].sort()).toEqual(all);
    expect(unit.filter((file) => e2e.includes(file))).toEqual([]);
    expect(e2e).toEqual([...e2eSuites].sort());
  });

  it('put every suite that starts a server or the browser in e2e, and only those', () => {
    // This file names the servers only to look for them.
    const reaching = all.filter(
      (file) => file !== path.relative(ROOT, __filename) && startsServer(path.join(ROOT, file)),
    );

    expect(reaching).toEqual([...e2eSuites].sort());
  });
});
