/**
 * `npm run test:unit`, `npm run test:integration` and `npm run test:e2e` split the suites (jest.config.js): each suite
 * belongs to exactly one. A suite that starts a local protocol server or the browser, itself, through a test helper or
 * through a suite it runs, is an e2e one. Of the others, a suite that starts a child process or worker threads, bundles
 * the Lambdas, runs CloudFormation validation or analyses generated multi-service scenarios is an integration one, so
 * the unit project stays within about a minute; a suite may also be an integration one for its measured duration alone,
 * and test/integration-suites.json says why for each.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import e2eSuites from './e2e-suites.json';
import integrationReasons from './integration-suites.json';

const ROOT = path.resolve(__dirname, '..');
const JEST = path.join(ROOT, 'node_modules', '.bin', 'jest');
const PROJECTS = ['unit', 'integration', 'e2e'] as const;
const integrationSuites = Object.keys(integrationReasons).sort();

/** Starting fauxqs, dynalite, moto_server, an HTTP server or Chromium. */
const STARTS_SERVER =
  /spawn\(\s*'moto_server'|from 'dynalite'|require\('dynalite'\)|from 'fauxqs'|createServer\(|chromium|playwright/;
/**
 * A child process; worker threads (a thread count of two or more); a bundle (esbuild, or an App that does not skip
 * the Lambdas' bundling); CloudFormation validation (on unless turned off); a generated multi-service scenario.
 */
const INTEGRATION_SIGNS = [
  /from '(node:)?child_process'/,
  /from 'esbuild'/,
  /from 'node:worker_threads'|analyzeInParallel\(|\bthreads(?::\s*|\s+of\s+\[[^\]]*)[2-9]|'--threads',\s*'[2-9]'/,
  /builtinCloudFormationValidation(?!: false)/,
  /new App\((?![^;]*'aws:cdk:bundling-stacks': \[\])/,
  /\b(generateScenario|writeScenario|evaluateScenario)\(/,
];
const RELATIVE_IMPORT = /from '(\.[^']+)'|import\('(\.[^']+)'\)|require(?:Actual)?(?:<[^>]*>)?\('(\.[^']+)'\)/g;
/** A suite that runs another test file in a jest of its own names it from the root. */
const RUN_FIXTURE = /'(test\/[^']+\.fixture\.ts)'/g;

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

/** The test files `file` reaches: itself, the test helpers it imports and the fixtures it runs, transitively. */
function reachedFiles(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(RELATIVE_IMPORT)) {
    const target = resolveImport(file, match[1] ?? match[2] ?? match[3] ?? '');
    if (target?.startsWith(path.join(ROOT, 'test'))) reachedFiles(target, seen);
  }
  for (const match of text.matchAll(RUN_FIXTURE)) reachedFiles(path.join(ROOT, match[1] ?? ''), seen);
  return seen;
}

/** Whether `suite`, or a test file it reaches, shows one of `signs`. */
function shows(suite: string, signs: readonly RegExp[]): boolean {
  return [...reachedFiles(path.join(ROOT, suite))].some((file) => {
    const text = readFileSync(file, 'utf8');
    return signs.some((sign) => sign.test(text));
  });
}

function listedBy(project: (typeof PROJECTS)[number]): string[] {
  const run = spawnSync(JEST, ['--listTests', '--json', '--selectProjects', project], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`jest --listTests failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as string[]).map((file) => path.relative(ROOT, file)).sort();
}

describe('the unit, integration and e2e test projects', () => {
  // This file names the signs only to look for them.
  const all = testFiles(path.join(ROOT, 'test'))
    .filter((file) => file !== path.relative(ROOT, __filename))
    .sort();

  it('hold every suite exactly once between them, as the two lists say', () => {
    const [unit, integration, e2e] = PROJECTS.map(listedBy) as [string[], string[], string[]];

    expect([...unit, ...integration, ...e2e].sort()).toEqual([...all, path.relative(ROOT, __filename)].sort());
    expect(integration).toEqual(integrationSuites);
    expect(e2e).toEqual([...e2eSuites].sort());
  });

  it('put every suite that starts a server or the browser in e2e, and only those', () => {
    const reaching = all.filter((file) => shows(file, [STARTS_SERVER]));

    expect(reaching).toEqual([...e2eSuites].sort());
  });

  it('put every other suite that starts a process or threads, bundles, validates or generates scenarios in integration', () => {
    const integrationByNature = all.filter((file) => !e2eSuites.includes(file) && shows(file, INTEGRATION_SIGNS));

    expect(integrationByNature.filter((file) => !integrationSuites.includes(file))).toEqual([]);
    expect(integrationSuites.filter((file) => e2eSuites.includes(file))).toEqual([]);
  });

  it('say for each integration suite why it is one', () => {
    for (const reason of Object.values(integrationReasons)) expect(reason).toMatch(/\w{3,}.{20,}/);
  });
});
