import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CulpritStack } from '../../lib';

/** The bundle limit this project sets for each handler. */
const MAX_BUNDLE_BYTES = 1_000_000;

// Inside the project (test-artifacts/ is git-ignored), so a bundle's external `@aws-sdk/*` imports
// resolve from the project's node_modules when the test loads it, as they do from the Lambda runtime.
const outdir = resolve(__dirname, '..', '..', 'test-artifacts', `bundle-size-${process.pid}`);

interface Bundle {
  readonly name: string;
  readonly dir: string;
}

let bundles: Bundle[] = [];

beforeAll(() => {
  mkdirSync(outdir, { recursive: true });
  // Bundling on: NodejsFunction runs the local esbuild exactly as `cdk synth` does.
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const stack = new CulpritStack(app, 'Bundled', { culprit: { logGroups: ['/a'] } });
  const template = Template.fromStack(stack);
  app.synth();
  bundles = Object.entries(template.findResources('AWS::Lambda::Function')).map(([id, fn]) => {
    const key = (fn as { Properties: { Code: { S3Key: string } } }).Properties.Code.S3Key;
    return {
      name: id.replace(/^Culprit|Function[0-9A-F]{8}$/g, ''),
      dir: join(outdir, `asset.${key.replace(/\.zip$/, '')}`),
    };
  });
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('the handler bundles NodejsFunction builds', () => {
  it('are built for all four functions, post-deploy verification included', () => {
    expect(bundles.map((bundle) => bundle.name).sort()).toEqual(['Deploys', 'Ingest', 'Rank', 'Verification']);
  });

  it('are each at most 1 MB of JavaScript', () => {
    const sizes = Object.fromEntries(
      bundles.map((bundle) => [bundle.name, statSync(join(bundle.dir, 'index.js')).size]),
    );

    for (const [name, size] of Object.entries(sizes)) {
      expect({ name, size, withinLimit: size <= MAX_BUNDLE_BYTES }).toEqual({ name, size, withinLimit: true });
    }
  });

  it('hold only the bundle and its source map', () => {
    for (const bundle of bundles) {
      expect(readdirSync(bundle.dir).sort()).toEqual(['index.js', 'index.js.map']);
    }
  });

  it('load and export a handler function, with the AWS SDK left to the runtime', () => {
    for (const bundle of bundles) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(join(bundle.dir, 'index.js')) as { handler?: unknown };
      expect(typeof loaded.handler).toBe('function');
    }
    const deploys = bundles.find((bundle) => bundle.name === 'Deploys');
    expect(readFileSync(join(deploys?.dir ?? '', 'index.js'), 'utf8')).toContain('require("@aws-sdk/lib-dynamodb")');
  });
});
