/**
 * Writes a scenario to a folder the CLI can read: `logs/` with one file per service in that
 * service's format, `deploys.json` (a JSON array of deploys) and `truth.json`. Files are written in
 * buffered chunks as events are generated, so memory stays flat however long the scenario is.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { Random } from './random';
import type { Scenario } from './scenario';
import type { ScenarioEvent, ServiceSpec } from './types';

const FLUSH_AT = 1 << 16;

const EXTENSIONS: Record<ServiceSpec['format'], string> = { text: '.log', jsonl: '.jsonl', cloudwatch: '.json' };

/** One service's output file: renders events in its format and writes them in chunks. */
class ServiceFile {
  readonly path: string;
  private readonly fd: number;
  private buffer = '';
  private count = 0;
  private readonly streams: string[];

  constructor(
    dir: string,
    private readonly spec: ServiceSpec,
    private readonly random: Random,
  ) {
    this.path = path.join(dir, `${spec.name}${EXTENSIONS[spec.format]}`);
    this.fd = openSync(this.path, 'w');
    this.streams = [1, 2, 3].map(() => `${spec.name}/${spec.name}/${random.hex(32)}`);
    if (spec.format === 'cloudwatch') this.buffer = '{\n    "events": [';
  }

  write(event: ScenarioEvent): void {
    this.buffer += this.render(event);
    this.count += 1;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  close(): void {
    if (this.spec.format === 'cloudwatch') {
      const streams = this.streams
        .map(
          (name) =>
            `        {\n            "logStreamName": ${JSON.stringify(name)},\n            "searchedCompletely": true\n        }`,
        )
        .join(',\n');
      this.buffer += `${this.count > 0 ? '\n    ' : ''}],\n    "searchedLogStreams": [\n${streams}\n    ]\n}\n`;
    }
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  private render(event: ScenarioEvent): string {
    const { spec } = this;
    switch (spec.format) {
      case 'text':
        // The scenario's events already hold the whole line, timestamp included (see `asRead`).
        return `${event.message}\n`;
      case 'jsonl':
        return spec.jsonStyle === 'service-iso'
          ? `${JSON.stringify({ timestamp: new Date(event.timestamp).toISOString(), level: event.level, service: event.service, message: event.message })}\n`
          : `${JSON.stringify({ timestamp: event.timestamp, logGroup: event.service, logStream: this.random.pick(this.streams), level: event.level, message: event.message })}\n`;
      case 'cloudwatch': {
        const fields = [
          `"logStreamName": ${JSON.stringify(this.random.pick(this.streams))}`,
          `"timestamp": ${event.timestamp}`,
          `"message": ${JSON.stringify(event.message)}`,
          `"ingestionTime": ${event.timestamp + this.random.int(150, 2500)}`,
          `"eventId": "${this.eventId()}"`,
        ];
        return `${this.count > 0 ? ',' : ''}\n        {\n            ${fields.join(',\n            ')}\n        }`;
      }
    }
  }

  private eventId(): string {
    let id = '3';
    for (let i = 0; i < 55; i += 1) id += String(this.random.int(0, 9));
    return id;
  }
}

export interface WrittenScenario {
  readonly dir: string;
  readonly logFiles: readonly string[];
  readonly lines: number;
}

/** Writes `scenario` under `dir` (created if missing) and returns what was written. */
export function writeScenario(scenario: Scenario, dir: string): WrittenScenario {
  const logsDir = path.join(dir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  const random = new Random(`${scenario.spec.seed}:${scenario.spec.kind}:files`);
  const files = new Map(
    scenario.spec.services.map((spec) => [spec.name, new ServiceFile(logsDir, spec, random.fork(spec.name))]),
  );
  let lines = 0;
  try {
    for (const event of scenario.events()) {
      files.get(event.service)?.write(event);
      lines += 1;
    }
  } finally {
    for (const file of files.values()) file.close();
  }
  // ISO-8601 times, as people write deploy files; the readers turn them back into epoch ms.
  const deploys = scenario.deploys.map((deploy) => ({
    ...deploy,
    timestamp: new Date(deploy.timestamp).toISOString(),
  }));
  writeFileSync(path.join(dir, 'deploys.json'), `${JSON.stringify(deploys, null, 2)}\n`);
  writeFileSync(path.join(dir, 'truth.json'), `${JSON.stringify(scenario.truth, null, 2)}\n`);
  return { dir, logFiles: [...files.values()].map((file) => file.path), lines };
}
