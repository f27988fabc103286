/**
 * The published package as a consumer gets it: `npm pack` (which runs the publish build), the tarball unpacked into
 * a throwaway CDK app's node_modules, the README's "Use it in your stack" example compiled there with TypeScript
 * and synthesised with the Lambdas bundled. Nothing is downloaded: the app's node_modules links, from this
 * repository's node_modules, only what the package declares (dependencies and peer dependencies) plus the tools
 * the app itself brings (typescript, esbuild, @types/node), so a dependency the package forgets to declare fails here.
 */
import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Match, Template } from 'aws-cdk-lib/assertions';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../..');
const APP_TOOLS = ['typescript', 'esbuild', '@types/node'];
/** Type-checking against aws-cdk-lib's declarations and a synth with four bundles take minutes on a busy machine. */
const SLOW = 600_000;

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

let work: string;
let app: string;
let packed: PackResult;

/** The first fenced `ts` block after the README heading `heading`. */
function readmeExample(heading: string): string {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`## ${heading}\n`));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (match?.[1] === undefined) throw new Error(`README: no ts example under "## ${heading}"`);
  return match[1];
}

/** Links `name` from this repository's node_modules into the app's, as an install would have placed it. */
function linkModule(name: string): void {
  const target = path.join(app, 'node_modules', name);
  mkdirSync(path.dirname(target), { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules', name), target, 'dir');
}

function largestFile(dir: string): number {
  return Math.max(
    ...readdirSync(dir).map((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? largestFile(file) : statSync(file).size;
    }),
  );
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'culprit-package-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: REPO,
    maxBuffer: 64 * 1024 * 1024,
  });
  // npm prints the prepack script's output before the JSON.
  packed = (JSON.parse(stdout.slice(stdout.indexOf('\n[') + 1)) as PackResult[])[0] as PackResult;

  app = path.join(work, 'app');
  const installed = path.join(app, 'node_modules', 'culprit');
  mkdirSync(installed, { recursive: true });
  await run('tar', ['-xzf', path.join(work, packed.filename), '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
  };
  for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies), ...APP_TOOLS])
    linkModule(name);

  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'shop-infra', private: true }));
  // NodejsFunction bundles from the app's lock file; an installed app has one.
  writeFileSync(path.join(app, 'package-lock.json'), JSON.stringify({ name: 'shop-infra', lockfileVersion: 3 }));
  mkdirSync(path.join(app, 'bin'));
  writeFileSync(path.join(app, 'bin', 'app.ts'), readmeExample('Use it in your stack'));
  writeFileSync(
    path.join(app, 'bin', 'core.ts'),
    [
      "import { TemplateMiner, analyze } from 'culprit/core';",
      'const miner = new TemplateMiner();',
      "miner.mine('Received block blk_-42 of size 1024 from /10.0.0.2');",
      "const mined = miner.mine('Received block blk_7 of size 99 from /10.0.0.3');",
      'process.stdout.write(JSON.stringify({ template: mined.template, analyze: typeof analyze }));',
    ].join('\n'),
  );
}, SLOW);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the published package', () => {
  it('holds the built library, CLI and declarations, and no tests, benchmarks or data', () => {
    const paths = packed.files.map((file) => file.path);

    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'dist/lib/index.js',
        'dist/lib/index.d.ts',
        'dist/lib/culprit.d.ts',
        'dist/lambdas/core/index.d.ts',
        'dist/lambdas/ingest/handler.js',
        'dist/bin/culprit.js',
        'lambdas/extensions/shutdown-signal/extensions/culprit-shutdown-signal',
        'schemas/verdict-event.schema.json',
      ]),
    );
    expect(
      paths.filter((file) => /^(test|bench|data|examples|docs)\/|^dist\/(test|bench)\/|\.map$/.test(file)),
    ).toEqual([]);
    // Measured at 0.3 MB packed, 1.1 MB unpacked; the bound catches data or bundles slipping in.
    expect(packed.size).toBeLessThan(1_000_000);
    expect(packed.unpackedSize).toBeLessThan(3_000_000);
  });

  it(
    'type-checks the README example against the declarations, with NodeNext and with classic resolution',
    async () => {
      const tsc = path.join(app, 'node_modules', 'typescript', 'bin', 'tsc');
      const common = ['--strict', '--skipLibCheck', '--target', 'ES2022', '--types', 'node', '--outDir', 'out'];
      const files = ['bin/app.ts', 'bin/core.ts'];

      await run(
        process.execPath,
        [tsc, ...common, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', ...files],
        {
          cwd: app,
        },
      );
      await run(
        process.execPath,
        [tsc, ...common, '--noEmit', '--module', 'commonjs', '--moduleResolution', 'node10', ...files],
        { cwd: app },
      );
    },
    SLOW,
  );

  it('mines with culprit/core', async () => {
    const { stdout } = await run(process.execPath, ['out/core.js'], { cwd: app });

    expect(JSON.parse(stdout)).toEqual({
      template: 'Received block blk_<NUM> of size <NUM> from /<IP>',
      analyze: 'function',
    });
  });

  it(
    'synthesises the README example with bundled Lambdas and the escape hatches applied',
    async () => {
      await run(process.execPath, ['out/app.js'], { cwd: app, env: { ...process.env, CDK_OUTDIR: 'cdk.out' } });
      const template = Template.fromJSON(
        JSON.parse(readFileSync(path.join(app, 'cdk.out', 'Observability.template.json'), 'utf8')) as object,
      );

      template.resourceCountIs('AWS::Lambda::Function', 4);
      template.allResourcesProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('^Culprit ingest'),
        MemorySize: 2048,
      });
      template.resourceCountIs('AWS::Events::EventBus', 0);
      template.hasResourceProperties('AWS::Events::Rule', { EventBusName: 'platform-events' });
      template.hasResourceProperties('AWS::Logs::SubscriptionFilter', { LogGroupName: '/ecs/checkout' });
      template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
      template.hasOutput('VerificationStateMachineArn', {});
      // Each Lambda asset is a real bundle, and small enough for the Lambda code limit with room to spare.
      const assets = readdirSync(path.join(app, 'cdk.out')).filter((name) => name.startsWith('asset.'));
      const bundles = assets.filter((name) => readdirSync(path.join(app, 'cdk.out', name)).includes('index.js'));
      expect(bundles).toHaveLength(4);
      for (const bundle of bundles) expect(largestFile(path.join(app, 'cdk.out', bundle))).toBeLessThan(2_000_000);
    },
    SLOW,
  );

  it(
    'runs the installed CLI: --version, and no AWS SDK notice about the Node version',
    async () => {
      const cli = path.join(app, 'node_modules', 'culprit', 'dist', 'bin', 'culprit.js');
      const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

      const version = await run(process.execPath, [cli, '--version'], { cwd: app });
      // An endpoint nothing listens on: the SDK client is built and the call fails fast, offline.
      const record = await run(
        process.execPath,
        [cli, 'deploy', 'record', '--service', 'checkout', '--version', 'v1', '--endpoint', 'http://127.0.0.1:9'],
        {
          cwd: app,
          // Without the variable test/support/jest-setup.ts sets: the CLI itself must silence the notice.
          env: {
            ...process.env,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
            AWS_REGION: 'us-east-1',
            AWS_ACCESS_KEY_ID: 'test',
            AWS_SECRET_ACCESS_KEY: 'test',
          },
        },
      ).catch((error: { code: number; stderr: string }) => error);

      expect(version.stdout.trim()).toBe(manifest.version);
      expect(record).toMatchObject({ code: 1, stderr: expect.stringContaining('could not put the deploy event') });
      expect((record as { stderr: string }).stderr).not.toMatch(/NodeVersionSupportWarning|require node >=/);
    },
    SLOW,
  );
});
