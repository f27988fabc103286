import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readDeploys } from '../../../bin/input/deploy-file';
import { type LogProblem, readLogEvents } from '../../../bin/input/log-sources';
import { generateScenario } from '../../../bench/scenarios/scenario';
import { writeScenario } from '../../../bench/scenarios/write-scenario';

describe('writeScenario', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'culprit-scenario-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes files the CLI readers turn back into exactly the generated events, deploys and truth', async () => {
    // This seed gives a `.log` service whose new errors carry stack traces, and a CloudWatch export.
    const scenario = generateScenario({
      seed: 'files-25',
      kind: 'cascade',
      durationMinutes: 40,
      rate: { min: 2, max: 4 },
      services: { min: 5, max: 5 },
      datasets: ['Hadoop', 'Zookeeper', 'Spark', 'HDFS', 'OpenSSH', 'Apache'],
    });
    const textServices = scenario.spec.services
      .filter((service) => service.format === 'text')
      .map((service) => service.name);
    const key = (event: { timestamp: number; service: string; message: string }) =>
      `${event.timestamp}\u0000${event.service}\u0000${event.message}`;
    const problems: LogProblem[] = [];

    const written = writeScenario(scenario, dir);
    const read = [];
    for await (const event of readLogEvents([path.join(dir, 'logs')], {
      onProblem: (problem) => problems.push(problem),
    }))
      read.push(event);

    expect(problems).toEqual([]);
    expect(read.some((event) => textServices.includes(event.service) && event.message.includes('\n\tat '))).toBe(true);
    expect(scenario.spec.services.map((service) => service.format)).toContain('cloudwatch');
    expect(read.map(key).sort()).toEqual([...scenario.events()].map(key).sort());
    expect(written.lines).toBe(read.length);
    expect(readdirSync(path.join(dir, 'logs')).sort()).toEqual(
      scenario.spec.services
        .map((service) => `${service.name}${{ text: '.log', jsonl: '.jsonl', cloudwatch: '.json' }[service.format]}`)
        .sort(),
    );
    expect(await readDeploys(path.join(dir, 'deploys.json'))).toEqual(scenario.deploys);
    expect(JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8'))).toEqual(scenario.truth);
  });
});
