/**
 * The HTML report, built from the bundled example incident and opened in headless Chromium (Debian's
 * /usr/bin/chromium driven by playwright-core): it renders, draws its timeline, logs no error, and a screenshot
 * is kept in test-artifacts/ for people to look at.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import {
  Analyzer,
  type AnalysisResult,
  type Deploy,
  type Incident,
  type Suspect,
} from '../../../lambdas/core/analysis';
import { readDeploys, readLogEvents } from '../../../bin/input';
import { renderHtmlReport, type SeriesSource } from '../../../bin/output/html-report';

const REPO = path.resolve(__dirname, '../../..');
const EXAMPLE = path.join(REPO, 'examples/incident');
const ARTIFACTS = path.join(REPO, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';

interface ExampleAnalysis {
  readonly result: AnalysisResult;
  readonly deploys: Deploy[];
  /** The analyzer that produced `result`, for its per-template bucket history. */
  readonly analyzer: Analyzer;
}

let example: Promise<ExampleAnalysis> | undefined;

/** The example incident's analysis, computed once for the whole file (it takes a second or two). */
function analyseExample(): Promise<ExampleAnalysis> {
  example ??= analyseExampleOnce();
  return example;
}

async function analyseExampleOnce(): Promise<ExampleAnalysis> {
  const analyzer = new Analyzer({});
  for await (const event of readLogEvents([path.join(EXAMPLE, 'logs')])) analyzer.push(event);
  const deploys = await readDeploys(path.join(EXAMPLE, 'deploys.json'));
  return { result: analyzer.result(deploys), deploys, analyzer };
}

function hostileIncident(): AnalysisResult {
  const t = Date.parse('2024-03-12T09:30:00Z');
  const incident: Incident = {
    id: 'inc-"><script>alert(1)</script>',
    start: t,
    end: t + 300_000,
    services: ['api<b>'],
    severity: 'high',
    score: 0.9,
    anomalies: [
      {
        id: 'a1',
        service: 'api<b>',
        kind: 'new',
        templateId: 't1',
        template: 'user <img src=x onerror=alert(1)> failed',
        error: true,
        firstSeen: t,
        lastSeen: t + 300_000,
        active: true,
        countBefore: 0,
        countAfter: 12,
        expected: 0,
        observed: 12,
        buckets: 5,
        surprise: 20,
        score: 0.9,
        sample: 'user <img src=x onerror=alert(1)> failed & "quoted"',
      },
    ],
    suspects: [
      {
        deployId: 'd<1>',
        service: 'api<b>',
        timestamp: t - 60_000,
        confidence: 0.8,
        blamed: true,
        lagMs: 60_000,
        evidence: ['<i>first</i>'],
        factors: {},
      },
    ],
    unexplained: 0.2,
    unexplainedEvidence: [],
  };
  return { incidents: [incident], stats: { lines: 10, services: 1, templates: 1, skipped: 0, late: 0 } };
}

describe('renderHtmlReport', () => {
  it('escapes every text taken from logs and deploys', () => {
    const html = renderHtmlReport(hostileIncident(), [
      {
        id: 'd<1>',
        service: 'api<b>',
        timestamp: Date.parse('2024-03-12T09:29:00Z'),
        description: '</table><script>x()</script>',
      },
    ]);

    expect(html).not.toMatch(/<script|<img|api<b>|<i>first|d<1>/);
    expect(html).toContain('user &lt;img src=x onerror=alert(1)&gt; failed &amp; &quot;quoted&quot;');
    expect(html).toContain('&lt;/table&gt;&lt;script&gt;x()&lt;/script&gt;');
  });

  it('groups what changed after the blamed deploy into appeared, spiked and went silent', () => {
    const result = hostileIncident();
    const incident = result.incidents[0] as Incident;
    const [first] = incident.anomalies;
    const changed: Incident = {
      ...incident,
      anomalies: [
        ...incident.anomalies,
        {
          ...(first as Incident['anomalies'][number]),
          id: 'a2',
          kind: 'spike',
          template: 'retrying request <NUM>',
          countBefore: 4,
          countAfter: 90,
        },
        {
          ...(first as Incident['anomalies'][number]),
          id: 'a3',
          kind: 'drop',
          template: 'heartbeat ok',
          countBefore: 60,
          countAfter: 0,
        },
      ],
    };

    const html = renderHtmlReport({ ...result, incidents: [changed] }, []);

    expect(html).toContain('<h4>Appeared (1)</h4>');
    expect(html).toContain('<h4>Spiked (1)</h4>');
    expect(html).toContain('<h4>Went silent (1)</h4>');
    expect(html).toMatch(
      /<tr data-kind="drop">.*heartbeat ok.*<td class="num" data-label="Before">60<\/td><td class="num" data-label="After">0<\/td><\/tr>/,
    );
  });

  it('says so when there is no incident, and still lists the deploys', () => {
    const html = renderHtmlReport(
      { incidents: [], stats: { lines: 5, services: 1, templates: 2, skipped: 0, late: 0 } },
      [{ id: 'dpl-1', service: 'api', timestamp: Date.parse('2024-03-12T09:00:00Z'), version: 'v1' }],
    );

    expect(html).toContain('No incidents');
    expect(html).toContain(
      '<td data-label="Deploy">dpl-1</td><td data-label="Service">api</td><td data-label="Version">v1</td>',
    );
    expect(html).not.toContain('<svg');
  });

  it('references nothing outside the file', async () => {
    const { result, deploys, analyzer } = await analyseExample();

    const html = renderHtmlReport(result, deploys, {
      health: (service, from, to) => analyzer.serviceHealth(service, from, to),
    });

    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/<link\b|@import|url\(/);
  });

  it('links commits and CI runs from the URL templates, and never a non-web URL', () => {
    const t = Date.parse('2024-03-12T09:00:00Z');
    const html = renderHtmlReport(
      { incidents: [], stats: { lines: 1, services: 1, templates: 1, skipped: 0, late: 0 } },
      [
        { id: 'dpl-1', service: 'check out', timestamp: t, version: 'v1.2', commit: 'ab93e44f6c4b1234' },
        { id: 'dpl-2', service: 'api', timestamp: t + 1, commit: 'c9b7', url: 'javascript:alert(1)' },
        { id: 'dpl-3', service: 'api', timestamp: t + 2, version: 'v3', url: 'https://ci.example.com/runs/3' },
      ],
      {
        links: {
          commit: 'https://github.com/shop/{service}/commit/{commit}',
          ciRun: 'https://ci.example.com/{service}/releases/{version}',
        },
      },
    );

    expect(html).toContain(
      '<a href="https://github.com/shop/check%20out/commit/ab93e44f6c4b1234" target="_blank" rel="noopener noreferrer"><code>ab93e44f6c4b</code></a>',
    );
    expect(html).toContain('href="https://ci.example.com/check%20out/releases/v1.2"');
    // dpl-2 has no version for the CI template and a javascript: URL of its own: no run link at all.
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('releases/{version}');
    expect(html).toContain('href="https://ci.example.com/runs/3"');
  });

  it('labels a timeline row with the message, not the logger in front of it', () => {
    const result = hostileIncident();
    const incident = result.incidents[0] as Incident;
    const spring = {
      ...(incident.anomalies[0] as Incident['anomalies'][number]),
      template: 'o.s.web.servlet.DispatcherServlet : Completed initialization in <NUM> ms',
    };

    const html = renderHtmlReport({ ...result, incidents: [{ ...incident, anomalies: [spring] }] }, []);

    expect(html).toMatch(/<text class="lane-template"[^>]*>Completed initialization in &lt;NUM&gt; ms<\/text>/);
  });

  it('renders deploys whose time no Date can hold instead of failing', () => {
    const result = hostileIncident();
    const incident = result.incidents[0] as Incident;
    const far = 1e300;
    const suspect = { ...(incident.suspects[0] as Suspect), deployId: 'dpl-far', timestamp: far, blamed: false };

    const render = (): string =>
      renderHtmlReport({ ...result, incidents: [{ ...incident, suspects: [...incident.suspects, suspect] }] }, [
        { id: 'dpl-far', service: 'api', timestamp: far },
        { id: 'dpl-nan', service: 'api', timestamp: Number.NaN },
      ]);

    expect(render).not.toThrow();
    expect(render()).toContain('(time out of range: 1e+300)');
    expect(render()).not.toMatch(/data-deploy="dpl-far"/);
  });

  it('names the blamed deploy and what appeared after it', async () => {
    const { result, deploys } = await analyseExample();

    const html = renderHtmlReport(result, deploys);

    expect(html).toMatch(/Likely cause:<\/b> deploy dpl-abcf905f/);
    expect(html).toContain('What changed in coordinator after deploy dpl-abcf905f');
    expect(html).toMatch(/<h4>Appeared \(\d+\)<\/h4>/);
    expect(html).toContain('KeeperException');
  });

  describe('in headless Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) {
        throw new Error(
          `${CHROMIUM} is missing: install Debian's browser with "apt-get update && apt-get install -y chromium"`,
        );
      }
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
        ],
      });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('renders the example incident with its timeline drawn, no console error, and saves a screenshot', async () => {
      const { result, deploys } = await analyseExample();
      // The example has two incidents in time order: web-frontend's error burst (no deploy blamed), then the bad
      // deploy's; each gets its own timeline.
      const blamedIncident = result.incidents.findIndex((incident) => incident.suspects.some((s) => s.blamed));
      expect(blamedIncident).toBeGreaterThanOrEqual(0);
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, 'html-report.html');
      writeFileSync(file, renderHtmlReport(result, deploys));
      const page = await browser.newPage({ viewport: { width: 1040, height: 900 } });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));

      await page.goto(`file://${file}`);
      const timelines = await page.$$('svg.timeline');
      expect(timelines).toHaveLength(result.incidents.length);
      const chart = await timelines[blamedIncident]!.evaluate((svg) => {
        const box = svg.getBoundingClientRect();
        // A vertical deploy marker is a line: its box has height but no width.
        const sized = (selector: string, needsWidth = true): number =>
          [...svg.querySelectorAll(selector)].filter((el) => {
            const r = el.getBoundingClientRect();
            return (!needsWidth || r.width > 0) && r.height > 0;
          }).length;
        return {
          width: box.width,
          height: box.height,
          lanes: sized('.lane .rate-after'),
          deploys: sized('.deploy line', false),
          blamed: sized('.deploy.blamed line', false),
        };
      });
      await page.screenshot({ path: path.join(ARTIFACTS, 'html-report.png'), fullPage: true });

      expect(errors).toEqual([]);
      expect(requests).toEqual([`file://${file}`]);
      expect(chart.width).toBeGreaterThan(0);
      expect(chart.height).toBeGreaterThan(0);
      expect(chart.lanes).toBe(result.incidents[blamedIncident]?.anomalies.length);
      expect(chart.deploys).toBeGreaterThanOrEqual(2);
      expect(chart.blamed).toBe(1);
    });

    it('draws real per-template rates when a series source is given, and runs nothing from the logs', async () => {
      const { result, deploys } = await analyseExample();
      const anomalies = [
        ...result.incidents.flatMap((i) => i.anomalies),
        ...hostileIncident().incidents.flatMap((i) => i.anomalies),
      ];
      // Lines per minute: none before the anomaly, its countAfter spread evenly until it was last seen.
      const series: SeriesSource = (service, templateId, from, to) => {
        const a = anomalies.find((x) => x.service === service && x.templateId === templateId);
        if (a === undefined) return undefined;
        const start = Math.floor(from / 60_000) * 60_000;
        const minutes = Math.max(1, Math.ceil((a.lastSeen - a.firstSeen) / 60_000));
        const counts = Array.from({ length: Math.ceil((to - start) / 60_000) }, (_, i) => {
          const t = start + i * 60_000;
          return t >= a.firstSeen - 60_000 && t <= a.lastSeen ? a.countAfter / minutes : 0;
        });
        return { start, bucketMs: 60_000, counts };
      };
      const hostile = hostileIncident();
      const combined: AnalysisResult = { ...result, incidents: [...result.incidents, ...hostile.incidents] };
      const file = path.join(ARTIFACTS, 'html-report-series.html');
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(file, renderHtmlReport(combined, deploys, { series }));
      const page = await browser.newPage({ viewport: { width: 1040, height: 900 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });

      await page.goto(`file://${file}`);
      const drawn = await page.$$eval(
        'svg.timeline .rate-series',
        (paths) =>
          paths.filter((p) => p.getBoundingClientRect().width > 0 && p.getBoundingClientRect().height > 0).length,
      );
      const images = await page.$$eval('img', (found) => found.length);
      await page.screenshot({ path: path.join(ARTIFACTS, 'html-report-series.png'), fullPage: true });

      expect(problems).toEqual([]);
      expect(images).toBe(0);
      expect(drawn).toBe(combined.incidents.reduce((sum, i) => sum + i.anomalies.length, 0));
    });

    it.each([
      { width: 1400, name: 'wide' },
      { width: 390, name: 'phone' },
    ])(
      'fits $width px without sideways scrolling, with a health panel per service and the blamed deploy in red',
      async ({ width, name }) => {
        // Prepare: the report `culprit analyze --html` writes, with link templates as the config gives them.
        const { result, deploys, analyzer } = await analyseExample();
        const file = path.join(ARTIFACTS, `html-report-${name}.html`);
        mkdirSync(ARTIFACTS, { recursive: true });
        writeFileSync(
          file,
          renderHtmlReport(result, deploys, {
            series: (service, templateId, from, to) => analyzer.templateSeries(service, templateId, from, to),
            health: (service, from, to) => analyzer.serviceHealth(service, from, to),
            links: {
              commit: 'https://github.com/shop/{service}/commit/{commit}',
              ciRun: 'https://ci.example.com/{service}/{version}',
            },
          }),
        );
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const errors: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        page.on('pageerror', (error) => errors.push(error.message));

        // Act
        await page.goto(`file://${file}`);
        const layout = await page.$eval('html', (root) => {
          // No DOM lib in this project's types: the document and window come from the element.
          const document = root.ownerDocument;
          const view = document.defaultView as NonNullable<typeof document.defaultView>;
          const style = (el: typeof root) => view.getComputedStyle(el);
          const viewport = root.clientWidth;
          const tooWide = [...document.querySelectorAll('body *')]
            .filter((el) => {
              const box = el.getBoundingClientRect();
              // Inside a clipping panel, a label hanging over the edge is cut, not scrolled to.
              return box.width > viewport + 0.5 || (box.right > viewport + 0.5 && el.closest('.health') === null);
            })
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} ${Math.round(el.getBoundingClientRect().width)}px`,
            );
          const rows = [...document.querySelectorAll('.health-row')].map((row) => ({
            service: row.getAttribute('data-service'),
            charts: [...row.querySelectorAll('svg.health-chart')].filter((svg) => svg.getBoundingClientRect().width > 0)
              .length,
            areas: row.querySelectorAll('path.health-lines').length,
            blamed: [...row.querySelectorAll('line.health-deploy.blamed')].map((line) => style(line).stroke),
          }));
          const firstRow = document.querySelector('table.suspects tbody tr');
          return {
            viewport,
            scrollWidth: root.scrollWidth,
            tooWide,
            rows,
            suspectCells:
              firstRow === null ? 0 : [...firstRow.children].filter((td) => style(td).display === 'block').length,
            commitLinks: document.querySelectorAll('a[href^="https://github.com/shop/coordinator/commit/"]').length,
          };
        });
        await page.screenshot({ path: path.join(ARTIFACTS, `html-report-${name}.png`), fullPage: true });

        // Assess
        expect(errors).toEqual([]);
        expect(layout.scrollWidth).toBeLessThanOrEqual(layout.viewport);
        expect(layout.tooWide).toEqual([]);
        const services = new Set(result.incidents.flatMap((incident) => incident.services));
        expect(new Set(layout.rows.map((row) => row.service))).toEqual(services);
        for (const row of layout.rows) expect(row).toMatchObject({ charts: 2, areas: 1 });
        // The blamed deploy (coordinator's dpl-abcf905f) is one red marker on each of its service's two charts.
        expect(layout.rows.flatMap((row) => row.blamed)).toEqual(['rgb(201, 42, 42)', 'rgb(201, 42, 42)']);
        expect(layout.commitLinks).toBeGreaterThan(0);
        // Stacked on a phone: the suspects' cells are blocks under each other; side by side on a wide screen.
        expect(layout.suspectCells > 0).toBe(width < 700);
      },
    );

    it("draws the example incident with the real Analyzer's per-template rates, each a line through many buckets", async () => {
      // Prepare: the series come from the analyzer's own bucket history, as `culprit analyze --html` passes them.
      const { result, deploys, analyzer } = await analyseExample();
      const series: SeriesSource = (service, templateId, from, to) =>
        analyzer.templateSeries(service, templateId, from, to);
      const file = path.join(ARTIFACTS, 'html-report-analyzer-series.html');
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(file, renderHtmlReport(result, deploys, { series }));
      const page = await browser.newPage({ viewport: { width: 1040, height: 900 } });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));

      // Act
      await page.goto(`file://${file}`);
      const paths = await page.$$eval('svg.timeline .rate-series', (found) =>
        found.map((p) => {
          const box = p.getBoundingClientRect();
          // Every M/V/H command of the step line is one point; its V commands are the bucket heights.
          const commands: string[] = (p.getAttribute('d') ?? '').match(/[MVH][^MVHZ]*/g) ?? [];
          const heights = new Set(commands.filter((c) => c.startsWith('V')).map((c) => c.slice(1).trim()));
          return { points: commands.length, heights: heights.size, width: box.width, height: box.height };
        }),
      );
      const fallbackLanes = await page.$$eval('svg.timeline .rate-after', (found) => found.length);
      await page.screenshot({ path: path.join(ARTIFACTS, 'html-report-analyzer-series.png'), fullPage: true });

      // Assess: every lane drew its real rate, rising or falling over the buckets, none fell back to before/after.
      const lanes = result.incidents.reduce((sum, i) => sum + Math.min(i.anomalies.length, 12), 0);
      expect(errors).toEqual([]);
      expect(lanes).toBeGreaterThan(0);
      expect(paths).toHaveLength(lanes);
      expect(fallbackLanes).toBe(0);
      for (const drawn of paths) {
        expect(drawn.points).toBeGreaterThan(2);
        expect(drawn.heights).toBeGreaterThan(1);
        expect(drawn.width).toBeGreaterThan(0);
        expect(drawn.height).toBeGreaterThan(0);
      }
    });
  });
});
