import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEvent } from '../../../lambdas/core/schemas';
import { at, buildStream, loghubLines } from '../../core/analysis/support/synthetic-stream';

/** What {@link writeStorageScenario} wrote: the log folder, the deploy file, and how many log lines. */
export interface StorageScenarioFiles {
  readonly logs: string;
  readonly deploys: string;
  readonly lines: number;
}

/**
 * Two services as plain-text log files of real loghub lines (HDFS, Zookeeper): storage starts printing HDFS's
 * "Got exception while serving" errors a minute after its deploy at minute 30 (dpl-storage-7, the right answer);
 * coordinator's deploy at minute 24 changes nothing. `formatLine` writes one event as a line of the layout under test.
 */
export function writeStorageScenario(
  dir: string,
  formatLine: (event: LogEvent, indexInService: number) => string,
): StorageScenarioFiles {
  const hdfs = loghubLines('HDFS', (l) => !/exception/i.test(l));
  const hdfsErrors = loghubLines('HDFS', (l) => /exception/i.test(l));
  const zk = loghubLines('Zookeeper', (l) => / INFO /.test(l));
  const events = buildStream({
    seed: 21,
    minutes: 50,
    services: [
      { name: 'storage', lines: hdfs, rate: 3 },
      { name: 'coordinator', lines: zk, rate: 2 },
    ],
    effects: [{ service: 'storage', from: at(31), to: at(50), add: hdfsErrors, rate: 0.4 }],
  });
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  for (const service of ['storage', 'coordinator']) {
    const text = events
      .filter((e) => e.service === service)
      .map((e, i) => `${formatLine(e, i)}\n`)
      .join('');
    writeFileSync(join(logs, `${service}.log`), text);
  }
  const deploys = join(dir, 'deploys.jsonl');
  writeFileSync(
    deploys,
    [
      {
        id: 'dpl-storage-7',
        service: 'storage',
        timestamp: new Date(at(30)).toISOString(),
        version: 'v2.7.0',
        author: 'a.okafor',
      },
      { id: 'dpl-coord-3', service: 'coordinator', timestamp: new Date(at(24)).toISOString(), version: 'v1.3.0' },
    ]
      .map((d) => JSON.stringify(d))
      .join('\n'),
  );
  return { logs, deploys, lines: events.length };
}
