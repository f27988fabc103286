/**
 * Micro-benchmark of parseLogLine: the ten loghub 2k raw samples repeated to about two million lines, parsed on one
 * core. Optional argument: the target line count (default 2,000,000). Run it bundled, as Lambda runs the code:
 *
 *   npx esbuild bench/log-line-bench.ts --bundle --platform=node --outfile=/tmp/log-line-bench.js
 *   node /tmp/log-line-bench.js
 *
 * or compiled (`npm run build && node dist/bench/log-line-bench.js`). Under `npx tsx` every cross-module constant and
 * function goes through a module getter, which makes it about 6x slower: that measures tsx, not the parser.
 *
 * Data: loghub (https://github.com/logpai/loghub; Zhu et al., ISSRE 2023), shipped in data/loghub-2k.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLogLine } from '../lambdas/core/log-line';
import { defaultLoghubDir } from './loghub';

const DATASETS = ['Apache', 'BGL', 'HDFS', 'HPC', 'Hadoop', 'Linux', 'OpenSSH', 'Spark', 'Windows', 'Zookeeper'];
const DEFAULT_TARGET_LINES = 2_000_000;
const WARMUP_PASSES = 3;

function loadLines(dir: string): string[] {
  const lines: string[] = [];
  for (const dataset of DATASETS) {
    for (const line of readFileSync(join(dir, dataset, `${dataset}_2k.log`), 'utf8').split('\n')) {
      if (line.length > 0) lines.push(line);
    }
  }
  return lines;
}

function parseAll(lines: readonly string[], repeats: number): number {
  let checksum = 0; // consumed so the work cannot be optimised away
  for (let r = 0; r < repeats; r++) {
    for (const line of lines) checksum += parseLogLine(line).message.length;
  }
  return checksum;
}

/**
 * A bare charCodeAt pass over the same lines, in ns per character: a yardstick for how fast this machine (and its
 * current load) runs the kind of code the parser is made of, so numbers from different machines can be compared.
 */
function yardstick(lines: readonly string[]): number {
  let checksum = 0;
  let chars = 0;
  const before = process.cpuUsage();
  for (let r = 0; r < 10; r++) {
    for (const line of lines) {
      for (let i = 0; i < line.length; i++) checksum += line.charCodeAt(i);
      chars += line.length;
    }
  }
  const used = process.cpuUsage(before);
  return checksum > 0 ? ((used.user + used.system) * 1000) / chars : Number.NaN;
}

function measure(label: string, lines: readonly string[], repeats: number): void {
  parseAll(lines, WARMUP_PASSES);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const checksum = parseAll(lines, repeats);
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time is reported too: on a shared machine the wall clock also counts time spent waiting for a core.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const total = lines.length * repeats;
  const rate = (seconds: number): string => Math.round(total / seconds).toLocaleString('en-US');
  console.log(`${label}: ${total.toLocaleString('en-US')} lines (${lines.length} distinct x ${repeats})`);
  console.log(`  wall ${wallSeconds.toFixed(3)} s = ${rate(wallSeconds)} lines/s`);
  console.log(`  cpu  ${cpuSeconds.toFixed(3)} s = ${rate(cpuSeconds)} lines/s (checksum ${checksum})`);
  console.log(`  yardstick: a bare charCodeAt loop over the same lines takes ${yardstick(lines).toFixed(2)} ns/char`);
}

function main(): void {
  const target = Number(process.argv[2] ?? DEFAULT_TARGET_LINES);
  const split = loadLines(defaultLoghubDir());
  const repeats = Math.max(1, Math.round(target / split.length));
  // Lines split from a file are V8 sliced strings; CloudWatch events decoded by JSON.parse are flat strings, which
  // V8 reads faster. Both are measured, the file case first.
  measure('parseLogLine, lines split from files', split, repeats);
  const flat = split.map((line) => JSON.parse(JSON.stringify(line)) as string);
  measure('parseLogLine, flat strings (as JSON.parse yields CloudWatch events)', flat, repeats);
}

main();
