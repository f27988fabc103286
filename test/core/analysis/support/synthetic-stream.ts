/**
 * Small synthetic log streams built from REAL loghub-2k lines (data/loghub-2k, see its LICENSE):
 * each service prints a Poisson number of lines per second drawn from a pool of real lines, and effects add
 * lines, scale or silence some of them in a time range. Seeded, so every test sees the same stream.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deploy, LogEvent } from '../../../../lambdas/core/schemas';

export { LOGHUB_DIR } from '../../../support/loghub-dir';
import { LOGHUB_DIR } from '../../../support/loghub-dir';

export type Dataset =
  | 'Apache'
  | 'BGL'
  | 'HDFS'
  | 'HPC'
  | 'Hadoop'
  | 'Linux'
  | 'OpenSSH'
  | 'Spark'
  | 'Windows'
  | 'Zookeeper';

/** Real lines of a loghub-2k dataset, optionally filtered. */
export function loghubLines(dataset: Dataset, keep: (line: string) => boolean = () => true): string[] {
  const text = readFileSync(join(LOGHUB_DIR, dataset, `${dataset}_2k.log`), 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '' && keep(line));
}

export const MINUTE = 60_000;
export const T0 = Date.UTC(2024, 2, 1, 9, 0, 0);

export interface ServiceSpec {
  readonly name: string;
  readonly lines: readonly string[];
  /** Lines per second. */
  readonly rate: number;
}

export type Effect =
  /** Extra lines drawn from `lines` at `rate` per second in [from, to). */
  | {
      readonly service: string;
      readonly from: number;
      readonly to: number;
      readonly add: readonly string[];
      readonly rate: number;
    }
  /** Normal lines matching `match` are dropped with probability 1 − factor, or repeated `factor` times (factor > 1). */
  | {
      readonly service: string;
      readonly from: number;
      readonly to: number;
      readonly match: (line: string) => boolean;
      readonly factor: number;
    };

export interface StreamSpec {
  readonly seed: number;
  readonly start?: number;
  readonly minutes: number;
  readonly services: readonly ServiceSpec[];
  readonly effects?: readonly Effect[];
}

/** mulberry32: small, fast, good enough to make test streams. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

/** The stream's events in time order. */
export function buildStream(spec: StreamSpec): LogEvent[] {
  const random = prng(spec.seed);
  const start = spec.start ?? T0;
  const effects = spec.effects ?? [];
  const events: LogEvent[] = [];
  for (let second = 0; second < spec.minutes * 60; second++) {
    const t = start + second * 1000;
    for (const svc of spec.services) {
      const mine = effects.filter((e) => e.service === svc.name && t >= e.from && t < e.to);
      const n = poisson(random, svc.rate);
      for (let i = 0; i < n; i++) {
        const line = svc.lines[Math.floor(random() * svc.lines.length)] ?? '';
        let copies = 1;
        for (const e of mine) {
          if (!('match' in e) || !e.match(line)) continue;
          copies = e.factor < 1 ? (random() < e.factor ? 1 : 0) : Math.round(e.factor);
        }
        for (let c = 0; c < copies; c++)
          events.push({ timestamp: t + Math.floor(random() * 1000), service: svc.name, message: line });
      }
      for (const e of mine) {
        if (!('add' in e)) continue;
        const extra = poisson(random, e.rate);
        for (let i = 0; i < extra; i++) {
          const line = e.add[Math.floor(random() * e.add.length)] ?? '';
          events.push({ timestamp: t + Math.floor(random() * 1000), service: svc.name, message: line });
        }
      }
    }
  }
  return events.sort((a, b) => a.timestamp - b.timestamp);
}

/** A deploy record at `minute` after the stream start. */
export function deployAt(id: string, service: string, minute: number, start = T0): Deploy {
  return { id, service, timestamp: start + minute * MINUTE, version: `v1.${id.length}.0` };
}

/** Minutes after the stream start, as epoch ms. */
export function at(minute: number, start = T0): number {
  return start + minute * MINUTE;
}
