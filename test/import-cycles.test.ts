/**
 * No module of the product imports itself back through others, type-only imports included: a cycle makes the
 * load order matter (a value read before its module has run is `undefined`) and ties modules that should change
 * apart. `npx madge --circular --extensions ts bin lib lambdas` says the same with more detail.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIRS = ['bin', 'lib', 'lambdas'];

function sourceFiles(dir: string, files: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sourceFiles(full, files);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/** The file a relative specifier names (`./x` → `x.ts` or `x/index.ts`), or undefined for a package. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return undefined;
}

/** Every relative import of every source file: static, type-only, re-exports, `require` and `import()`. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map((imported) => resolveImport(file, imported.fileName));
    graph.set(
      file,
      targets.filter((target): target is string => target !== undefined),
    );
  }
  return graph;
}

/** Each cycle found by a depth-first walk, as the files along it (relative to the repository). */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (file: string): void => {
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (onStack.has(target)) cycles.push([...stack.slice(stack.indexOf(target)), target]);
      else if (!done.has(target)) visit(target);
    }
    stack.pop();
    onStack.delete(file);
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return cycles.map((cycle) => cycle.map((file) => path.relative(ROOT, file)));
}

describe('imports of bin, lib and lambdas', () => {
  it('form no cycle', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph).map((cycle) => cycle.join(' > '))).toEqual([]);
  });

  it('are followed through re-exports and type-only imports, so a cycle would be found', () => {
    const graph = importGraph();
    const index = path.join(ROOT, 'lambdas/core/drain/index.ts');
    expect(graph.get(index)).toContain(path.join(ROOT, 'lambdas/core/drain/template-miner.ts'));
    const withBackEdge = new Map(graph);
    withBackEdge.set(path.join(ROOT, 'lambdas/core/drain/cluster.ts'), [
      ...(graph.get(path.join(ROOT, 'lambdas/core/drain/cluster.ts')) ?? []),
      index,
    ]);
    expect(findCycles(withBackEdge).length).toBeGreaterThan(0);
  });
});
