/**
 * Jest transformer: TypeScript's own `transpileModule` (types stripped, nothing type-checked, as `npm run lint` checks
 * them), emitting the CommonJS that `tsc` emits for dist/.
 *
 * Why not swc (or tsx/esbuild): their CommonJS defines every export as a getter, so a hot loop reading an imported
 * constant or calling an imported function pays a getter call each time (the token scanner ran 3–4 times slower
 * under tsx, whose esbuild output has the same getters, than as tsc compiles it for dist/). tsc assigns exports as
 * plain properties. Transpiling costs a few milliseconds per file, once: jest caches the output.
 * Unlike babel-jest and @swc/jest it does not hoist `jest.mock` calls above the imports: no suite mocks a module (the
 * tests talk to real local servers instead), and one that starts to must import what it mocks after the call.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const TYPESCRIPT_VERSION = JSON.parse(
  readFileSync(path.join(path.dirname(require.resolve('typescript')), '..', 'package.json'), 'utf8'),
).version;
const THIS_FILE = readFileSync(__filename, 'utf8');

/** Built-in objects hot loops read, bound once per module (see `process`); jest never replaces these. */
const LOCAL_GLOBALS = ['Math', 'Number', 'String', 'Object', 'Array', 'JSON']
  .map((name) => `const ${name} = globalThis.${name};`)
  .join(' ');

/** Loaded on the first cache miss only: a run that finds every file in jest's cache never loads TypeScript. */
let typescript;

module.exports = {
  process(source, filename) {
    typescript ??= require('typescript');
    const { outputText, sourceMapText } = typescript.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: typescript.ModuleKind.CommonJS,
        target: typescript.ScriptTarget.ES2022,
        esModuleInterop: true,
        resolveJsonModule: true,
        sourceMap: true,
        inlineSources: true,
      },
    });
    // Jest runs each suite in a vm context, where every read of a global goes through the context's interceptor:
    // `Math.imul` once per character made the scanner 10–20 times slower than outside jest. A module-level binding of
    // the same object is read as a local; spies on its methods still apply. Added to the first line (after "use
    // strict"), so the source map still lines up. Globals that jest replaces (Date under fake timers) are left alone.
    const code = outputText
      .replace(/^("use strict";)?/, `$1${LOCAL_GLOBALS}`)
      .replace(/\/\/# sourceMappingURL=.*$/m, '');
    // Jest maps stack traces through the map it is given, so failures point at the TypeScript lines.
    return { code, map: sourceMapText };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update(TYPESCRIPT_VERSION)
      .update(THIS_FILE)
      .update(filename)
      .update(source)
      .digest('hex');
  },
};
