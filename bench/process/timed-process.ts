/**
 * Runs a command as a user runs it and measures the whole process: wall seconds, CPU seconds (user + system,
 * every thread) and peak RSS, read from GNU time (`/usr/bin/time -f`), so start-up, reading and output are all
 * counted. On a shared machine CPU seconds per line is the steadier figure; the load average is noted with it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';

const GNU_TIME = '/usr/bin/time';
/** Elapsed, user and system seconds, and peak RSS in KiB, on the last line of stderr. */
const FORMAT = 'culprit-bench-usage %e %U %S %M';

export interface ProcessUsage {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssKiB: number;
  /** 1-minute load average when the process ended. */
  readonly load: number;
  readonly exitCode: number;
  readonly stderr: string;
}

/** Runs `command args…` with stdout sent to `stdoutFile` (a file path: output is written, as it would be). */
export function timedProcess(command: string, args: readonly string[], stdoutFile: string): ProcessUsage {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} (GNU time) is needed to measure a whole process`);
  const child = spawnSync('sh', ['-c', `exec "$0" -f "${FORMAT}" "$@" > "${stdoutFile}"`, GNU_TIME, command, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = child.stderr.trimEnd().split('\n');
  const usage = lines.findLast((line) => line.startsWith('culprit-bench-usage '));
  if (usage === undefined) throw new Error(`no usage line from ${GNU_TIME}: ${child.stderr.slice(-2000)}`);
  const [seconds, user, system, rss] = usage.split(' ').slice(1).map(Number);
  return {
    seconds: seconds ?? Number.NaN,
    cpuSeconds: (user ?? Number.NaN) + (system ?? Number.NaN),
    peakRssKiB: rss ?? Number.NaN,
    load: loadavg()[0] ?? Number.NaN,
    exitCode: child.status ?? -1,
    stderr: lines.filter((line) => line !== usage).join('\n'),
  };
}

/** One line of figures: lines/s, MB/s, CPU µs per line, peak RSS, load. */
export function describeUsage(usage: ProcessUsage, lines: number, bytes: number): string {
  const mb = bytes / 1e6;
  return (
    `${Math.round(lines / usage.seconds).toLocaleString('en-US')} lines/s, ${(mb / usage.seconds).toFixed(1)} MB/s ` +
    `(${usage.seconds.toFixed(2)} s wall); ${usage.cpuSeconds.toFixed(2)} CPU s = ` +
    `${((usage.cpuSeconds / lines) * 1e6).toFixed(2)} CPU µs per line ` +
    `(${Math.round(lines / usage.cpuSeconds).toLocaleString('en-US')} lines per CPU s); ` +
    `peak RSS ${(usage.peakRssKiB / 1024).toFixed(0)} MiB; load ${usage.load.toFixed(2)}`
  );
}
