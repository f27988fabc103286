import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runAnalyze, type AnalyzeCommandOptions } from '../../bin/commands/analyze';
import type { JsonReport } from '../../bin/output';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'incident');

/** A config file as a team writes it: links to its repository and its CI, nothing else. */
const LINKS = {
  commit: 'https://github.com/acme/{service}/commit/{commit}',
  ciRun: 'https://ci.acme.example/{service}/builds/{version}?deploy={id}',
};

async function analyze(options: Partial<AnalyzeCommandOptions>): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await runAnalyze(
    {
      logs: [join(EXAMPLE, 'logs')],
      deploys: join(EXAMPLE, 'deploys.json'),
      json: false,
      threads: 1,
      ...options,
    },
    { stdout, stderr: new PassThrough() },
  );
  return { code, stdout: Buffer.concat(chunks).toString('utf8') };
}

/**
 * The `href`s inside the first table row (`<tr>…</tr>`) that mentions `deployId`, in the first table of class `table`
 * that has one (a report has a suspects table per incident, and not every incident lists every deploy).
 */
function hrefsInRow(html: string, table: string, deployId: string): string[] {
  const rowPattern = new RegExp(`<tr[^>]*>(?:(?!</tr>).)*${deployId}.*?</tr>`);
  for (const start of html.matchAll(new RegExp(`<table class="${table}">`, 'g'))) {
    const body = html.slice(start.index);
    const row = body.slice(0, body.indexOf('</table>')).match(rowPattern);
    if (row) return [...row[0].matchAll(/href="([^"]*)"/g)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&'));
  }
  return [];
}

describe('culprit analyze with link templates in its config file', () => {
  let dir: string;
  let config: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'culprit-links-'));
    config = join(dir, 'culprit.config.json');
    writeFileSync(config, JSON.stringify({ links: LINKS }));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('links each deploy’s commit and CI run in the HTML report, filled from that deploy', async () => {
    const html = join(dir, 'report.html');

    const { code } = await analyze({ html, config });

    expect(code).toBe(0);
    const report = readFileSync(html, 'utf8');
    expect(hrefsInRow(report, 'deploys', 'dpl-abcf905f')).toEqual([
      'https://github.com/acme/coordinator/commit/c9b72466bc59',
      'https://ci.acme.example/coordinator/builds/v2.17.0?deploy=dpl-abcf905f',
    ]);
    // The suspects table links the blamed deploy the same way (its id comes from the suspect's deployId).
    expect(hrefsInRow(report, 'suspects', 'dpl-abcf905f')).toEqual([
      'https://github.com/acme/coordinator/commit/c9b72466bc59',
      'https://ci.acme.example/coordinator/builds/v2.17.0?deploy=dpl-abcf905f',
    ]);
  });

  it('shows commits as plain text when the config has no link templates', async () => {
    const html = join(dir, 'plain.html');
    const bare = join(dir, 'bare.config.json');
    writeFileSync(bare, '{}');

    await analyze({ html, config: bare });

    const report = readFileSync(html, 'utf8');
    expect(hrefsInRow(report, 'deploys', 'dpl-abcf905f')).toEqual([]);
    expect(report).toContain('commit <code>c9b72466bc59</code>');
  });

  it('gives every suspect in --json its commit and CI run URLs', async () => {
    const { code, stdout } = await analyze({ json: true, config });

    expect(code).toBe(0);
    const suspects = (JSON.parse(stdout) as JsonReport).incidents.flatMap((incident) => incident.suspects);
    expect(suspects.length).toBeGreaterThan(0);
    for (const suspect of suspects) {
      expect(suspect.commitUrl).toBe(`https://github.com/acme/${suspect.service}/commit/${suspect.commit}`);
      expect(suspect.ciRunUrl).toBe(
        `https://ci.acme.example/${suspect.service}/builds/${suspect.version}?deploy=${suspect.deployId}`,
      );
    }
  });
});
