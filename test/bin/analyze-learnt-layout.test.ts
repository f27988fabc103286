import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runAnalyze } from '../../bin/commands/analyze';
import type { JsonReport } from '../../bin/output';
import { type StorageScenarioFiles, writeStorageScenario } from './support/storage-scenario';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** `2024-03-01 09:31:02.123` (no zone: UTC), a time no leading-timestamp rule finds after a level. */
const localTime = (millis: number): string => new Date(millis).toISOString().replace('T', ' ').replace('Z', '');

/**
 * The analyze scenario of analyze.test.ts written in a layout no header rule knows, `LEVEL|time|thread|message`
 * (the level first, pipes between the columns): storage starts printing HDFS's "Got exception while serving"
 * errors a minute after its deploy at minute 30.
 */
function writeScenario(dir: string): StorageScenarioFiles {
  return writeStorageScenario(dir, (e, i) => {
    const level = /exception/i.test(e.message) ? 'ERROR' : 'INFO';
    return `${level}|${localTime(e.timestamp)}|worker-${i % 7}|${e.message}`;
  });
}

describe('culprit analyze on a text log in a layout no header rule knows', () => {
  let dir: string;
  let files: StorageScenarioFiles;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'culprit-layout-'));
    files = writeScenario(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('learns the layout, reads every line with its timestamp, mines the messages alone and blames the bad deploy', async () => {
    // Act
    const stdout = capture();
    const stderr = capture();
    const code = await runAnalyze(
      { logs: [files.logs], deploys: files.deploys, json: true },
      { stdout: stdout.stream, stderr: stderr.stream },
    );

    // Assess
    expect(code).toBe(0);
    expect(stderr.text()).not.toContain('no timestamp');
    const report = JSON.parse(stdout.text()) as JsonReport;
    expect(report.stats.lines).toBe(files.lines);
    expect(report.incidents).toHaveLength(1);
    const incident = report.incidents[0];
    expect(incident?.start).toMatch(/^2024-03-01T09:3[12]:\d\d\.\d{3}Z$/);
    expect(incident?.services).toEqual(['storage']);
    expect(incident?.suspects.map((s) => [s.deployId, s.blamed])).toEqual([
      ['dpl-storage-7', true],
      ['dpl-coord-3', false],
    ]);
    // The thread column varies per line: a template that kept the header would hold it (or split by it).
    const templates = incident?.anomalies.map((a) => a.template) ?? [];
    expect(templates.some((t) => t.includes('exception while serving'))).toBe(true);
    expect(templates.join('\n')).not.toMatch(/worker|ERROR|\|/);
  });

  it('gives the same report when services are mined on worker threads', async () => {
    // Act
    const reports: string[] = [];
    for (const threads of [1, 2]) {
      const stdout = capture();
      await runAnalyze(
        { logs: [files.logs], deploys: files.deploys, json: true, threads },
        { stdout: stdout.stream, stderr: capture().stream },
      );
      reports.push(stdout.text());
    }

    // Assess
    expect(reports[1]).toBe(reports[0]);
  });
});
