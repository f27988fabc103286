import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runAnalyze } from '../../bin/commands/analyze';
import type { JsonReport } from '../../bin/output';
import { MINUTE, T0, at, prng } from '../core/analysis/support/synthetic-stream';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
/** `[01/Mar/2024:09:00:00 +0000]`, as nginx writes `$time_local` on a UTC host. */
const clf = (ms: number): string => {
  const d = new Date(ms);
  return `[${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000]`;
};

const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0',
  'curl/8.5.0',
  'okhttp/4.12.0',
];

/**
 * An nginx access log (combined format) of a shop's web tier over 50 minutes: routine traffic with a rare 5xx
 * before, and after the deploy at minute 30 a fifth of the order requests failing with 502/503.
 */
function accessLog(): string {
  const next = prng(11);
  const lines: string[] = [];
  for (let second = 0; second < 50 * 60; second++) {
    const now = T0 + second * 1000;
    const failing = now >= at(31) ? 0.2 : 0.002;
    for (let r = 0; r < 3; r++) {
      const ip = `203.0.113.${Math.floor(next() * 250) + 1}`;
      const kind = next();
      let request: string;
      let status: number;
      if (kind < 0.4) {
        request = `POST /api/orders/${Math.floor(next() * 9000) + 1000} HTTP/1.1`;
        status = next() < failing ? (next() < 0.5 ? 502 : 503) : 201;
      } else if (kind < 0.8) {
        request = `GET /api/products/${Math.floor(next() * 500)}?ref=home HTTP/1.1`;
        status = next() < 0.05 ? 404 : 200;
      } else {
        request = 'GET /healthz HTTP/1.1';
        status = 200;
      }
      const agent = AGENTS[Math.floor(next() * AGENTS.length)];
      lines.push(`${ip} - - ${clf(now + r * 300)} "${request}" ${status} ${Math.floor(next() * 4000)} "-" "${agent}"`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('culprit analyze on an HTTP access log', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'culprit-access-'));
    writeFileSync(join(dir, 'web.log'), accessLog());
    const deploys = [
      { id: 'dpl-web-11', service: 'web', timestamp: new Date(at(12)).toISOString(), version: 'v1.11.0' },
      { id: 'dpl-web-12', service: 'web', timestamp: new Date(at(30)).toISOString(), version: 'v1.12.0' },
    ];
    writeFileSync(join(dir, 'deploys.jsonl'), deploys.map((d) => JSON.stringify(d)).join('\n'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every line and blames the deploy after which 5xx responses surged', async () => {
    // Act
    const stdout = capture();
    const stderr = capture();
    const code = await runAnalyze(
      { logs: [join(dir, 'web.log')], deploys: join(dir, 'deploys.jsonl'), json: true },
      { stdout: stdout.stream, stderr: stderr.stream },
    );

    // Assess
    expect(stderr.text()).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout.text()) as JsonReport;
    expect(report.stats.lines).toBe(50 * 60 * 3);
    const blamed = report.incidents.flatMap((incident) => incident.suspects.filter((s) => s.blamed));
    expect(blamed.map((s) => s.deployId)).toEqual(['dpl-web-12']);
    const incident = report.incidents.find((i) => i.suspects.some((s) => s.blamed));
    expect(Date.parse(incident?.start ?? '')).toBeGreaterThanOrEqual(at(30));
    expect(Date.parse(incident?.start ?? '')).toBeLessThan(at(30) + 5 * MINUTE);
    expect(JSON.stringify(incident)).toContain('server error');
    expect(incident?.anomalies.map((a) => a.kind)).toContain('error-surge');
  });
});
