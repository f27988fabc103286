/**
 * Throughput and memory of the template miner on a large corpus built from the ten loghub-2k
 * datasets with every variable redrawn (see bench/corpus). The corpus is generated in memory
 * first and not timed; then one `new TemplateMiner()` (default options, masking on) mines every
 * line in this process.
 *
 *   npm run bench:mine
 *   npm run bench:mine -- --raw            # whole lines, headers stripped by the header parser
 *   npm run bench:mine -- --lines 500000 --seed 7
 *   npm run bench:mine -- --mask 'ORDER=ORD-\d+'   # user mask patterns (repeatable), run by RE2JS
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { TemplateMiner } from '../lambdas/core/drain';
import { CORPUS_DEFAULTS, generateCorpus, loghubSources } from './corpus';
import { defaultLoghubDir, prepareRaw } from './loghub';

const argsSchema = z.object({
  lines: z.coerce.number().int().positive(),
  seed: z.coerce.number().int(),
  raw: z.boolean(),
  data: z.string().min(1),
  mask: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*=.+$/, 'a mask is NAME=PATTERN')),
});

function parseCommandLine(argv: readonly string[]): z.infer<typeof argsSchema> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      lines: { type: 'string', default: String(CORPUS_DEFAULTS.lines) },
      seed: { type: 'string', default: String(CORPUS_DEFAULTS.seed) },
      raw: { type: 'boolean', default: false },
      data: { type: 'string' },
      mask: { type: 'string', multiple: true, default: [] },
    },
  });
  const parsed = argsSchema.safeParse({ ...values, data: values.data ?? defaultLoghubDir() });
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  return parsed.data;
}

/**
 * Full garbage collections, so heap figures measure live data only. Uses `global.gc` under
 * `--expose-gc`, else turns the flag on at run time (a documented V8 escape hatch). One
 * collection is not enough: the first one after loading leaves ~10 MB that the next frees.
 */
function collectGarbage(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  let gc: unknown = exposed;
  if (!exposed) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc');
  }
  if (typeof gc !== 'function') return () => undefined;
  return () => {
    for (let i = 0; i < 3; i++) (gc as () => void)();
  };
}

const MB = 1024 * 1024;

function mb(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function main(): void {
  const args = parseCommandLine(process.argv.slice(2));
  const gc = collectGarbage();
  const form = args.raw ? 'raw' : 'content';

  const generationStart = performance.now();
  const sources = loghubSources(undefined, args.data);
  const corpus = generateCorpus(sources, { lines: args.lines, seed: args.seed, form });
  const generationSeconds = (performance.now() - generationStart) / 1000;
  const truthTemplates = new Set<string>();
  for (const index of corpus.sourceIndex) {
    const source = sources[index];
    if (source) truthTemplates.add(`${source.dataset}\u0000${source.eventTemplate}`);
  }
  const corpusChars = corpus.lines.reduce((total, line) => total + line.length, 0);

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const maskPatterns = args.mask.map((mask) => {
    const at = mask.indexOf('=');
    return { name: mask.slice(0, at), pattern: mask.slice(at + 1) };
  });
  const miner = new TemplateMiner({ maskPatterns });
  const { lines } = corpus;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  if (args.raw) {
    for (let i = 0; i < lines.length; i++) miner.mine(prepareRaw(lines[i] as string));
  } else {
    for (let i = 0; i < lines.length; i++) miner.mine(lines[i] as string);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  // CPU time too: on a shared machine the wall clock also counts time spent descheduled.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const heapAfterRun = process.memoryUsage().heapUsed;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const templates = miner.templates().length;
  const snapshotBytes = Buffer.byteLength(JSON.stringify(miner.toSnapshot()), 'utf8');
  const heapDelta = heapAfter - heapBefore;
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  // Read the corpus after the last measurement: V8 may free a local it sees no later use of.
  const corpusLines = corpus.lines.length;

  const rows: [string, string][] = [
    [
      'corpus',
      `${count(corpusLines)} ${form} lines, ${mb(corpusChars)} of text, seed ${args.seed} (generated in ${generationSeconds.toFixed(1)} s, not timed)`,
    ],
    ['mining time', `${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (gc threads included)`],
    [
      'throughput',
      `${count(lines.length / seconds)} lines/s wall, ${count(lines.length / cpuSeconds)} lines per CPU second${args.raw ? ' (header parser included)' : ''}`,
    ],
    ['templates found', `${count(templates)} (the ground truth of the lines drawn has ${count(truthTemplates.size)})`],
    ['peak RSS', `${mb(maxRssBytes)} (corpus included)`],
    [
      'heap used',
      `${mb(heapBefore)} before mining, ${mb(heapAfterRun)} after, ${mb(heapAfter)} after gc (corpus included)`,
    ],
    ['miner heap (after gc)', mb(heapDelta)],
    ['memory per 1,000 templates', templates > 0 ? mb((heapDelta / templates) * 1000) : 'n/a'],
    ['snapshot size', `${count(snapshotBytes)} bytes (JSON.stringify(toSnapshot()))`],
  ];
  process.stdout.write(
    `# Template miner throughput (${form} lines, default options)\n\n| measure | value |\n| --- | --- |\n`,
  );
  for (const [name, value] of rows) process.stdout.write(`| ${name} | ${value} |\n`);
  process.stdout.write(`\nnode ${process.version}, ${process.platform}/${process.arch}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`mine-bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
