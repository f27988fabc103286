/**
 * `culprit analyze --html FILE`: one self-contained HTML page (inline CSS and SVG, no script or asset from the
 * network) with, per incident, a timeline of the anomalous templates and the deploys, the ranked suspects with
 * their evidence, and what changed after the blamed deploy. Pure string building; every text is escaped.
 */
import type { AnalysisResult, Deploy } from '../../lambdas/core/analysis';
import { DETECT_DEFAULTS } from '../../lambdas/core/detect';
import { escapeHtml, iso } from './html/escape';
import type { HealthSource } from './html/health-panel';
import { renderIncident } from './html/incident-section';
import { deployLinks, type ReportLinks } from './html/links';
import type { SeriesSource } from './html/timeline-chart';
import { REPORT_CSS } from './html/styles';
import { describeLogChange } from './log-change-text';

export interface HtmlReportOptions {
  /** @default "Culprit incident report" */
  readonly title?: string;
  /** Shown in the header; leave out for byte-identical reports. @default undefined */
  readonly generatedAt?: number;
  /** Window the anomalies' `countBefore` covers. @default DETECT_DEFAULTS.compareWindowMs */
  readonly compareWindowMs?: number;
  /** Anomaly lanes per timeline. @default 12 */
  readonly maxLanes?: number;
  /**
   * Lines per bucket of a template, for true per-template rates on the timeline (e.g. from the Analyzer's
   * bounded history). @default undefined (rates are spread from each anomaly's before/after counts)
   */
  readonly series?: SeriesSource;
  /**
   * All lines and error lines per bucket of a service, for the health panel above each incident's template rows
   * (e.g. the Analyzer's `serviceHealth`). @default undefined (no health panel)
   */
  readonly health?: HealthSource;
  /**
   * URL templates for links to a deploy's commit and CI run (the `links` setting; placeholders `{commit}`,
   * `{version}`, `{service}`, `{id}`), e.g. `{ commit: 'https://github.com/ORG/REPO/commit/{commit}' }`. A deploy's
   * own `url` is its CI run link. @default {} (commits as text; CI runs only from the deploys' `url`)
   */
  readonly links?: ReportLinks;
}

export const HTML_REPORT_DEFAULTS = {
  title: 'Culprit incident report',
  compareWindowMs: DETECT_DEFAULTS.compareWindowMs,
  maxLanes: 12,
} as const;

function deploysTable(deploys: readonly Deploy[], blamed: ReadonlySet<string>, links: ReportLinks): string {
  if (deploys.length === 0) return '<p class="muted">No deploys were given.</p>';
  const rows = deploys.map((d) => {
    const linked = deployLinks(d, links);
    return `<tr${blamed.has(d.id) ? ' class="blamed"' : ''}><td data-label="Time">${escapeHtml(iso(d.timestamp))}</td><td data-label="Deploy">${escapeHtml(d.id)}${blamed.has(d.id) ? ' <span class="badge blamed">blamed</span>' : ''}</td><td data-label="Service">${escapeHtml(d.service)}</td><td data-label="Version">${escapeHtml(d.version ?? '')}</td><td data-label="Description">${escapeHtml(d.description ?? '')}${linked === '' ? '' : `<div class="muted">${linked}</div>`}</td></tr>`;
  });
  return `<table class="deploys"><thead><tr><th>Time</th><th>Deploy</th><th>Service</th><th>Version</th><th>Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function renderHtmlReport(
  result: AnalysisResult,
  deploys: readonly Deploy[],
  options: HtmlReportOptions = {},
): string {
  const title = options.title ?? HTML_REPORT_DEFAULTS.title;
  const chart = {
    compareWindowMs: options.compareWindowMs ?? HTML_REPORT_DEFAULTS.compareWindowMs,
    maxLanes: options.maxLanes ?? HTML_REPORT_DEFAULTS.maxLanes,
    series: options.series,
  };
  const links = options.links ?? {};
  const sorted = [...deploys].sort((a, b) => a.timestamp - b.timestamp);
  const blamed = new Set(result.incidents.flatMap((i) => i.suspects.filter((s) => s.blamed).map((s) => s.deployId)));
  const { stats } = result;
  const count = result.incidents.length;
  const incidents =
    count === 0
      ? '<p class="verdict">No incidents: nothing in the logs changed enough to look into.</p>'
      : result.incidents
          .map((incident, i) => renderIncident(incident, i, count, sorted, chart, { health: options.health, links }))
          .join('\n');
  const changes = result.logChanges ?? [];
  const logChanges =
    changes.length === 0
      ? ''
      : `<h2>Log changes, not faults</h2>\n<ul class="log-changes">${changes.map((c) => `<li>${escapeHtml(describeLogChange(c))}</li>`).join('')}</ul>\n`;
  const generated =
    options.generatedAt === undefined ? '' : `<li>generated <b>${escapeHtml(iso(options.generatedAt))}</b></li>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<ul class="stats"><li><b>${count}</b> incident${count === 1 ? '' : 's'}</li><li><b>${stats.lines.toLocaleString('en-US')}</b> lines</li><li><b>${stats.services}</b> services</li><li><b>${stats.templates}</b> templates</li><li><b>${deploys.length}</b> deploys</li>${generated}</ul>
${incidents}
${logChanges}<h2>Deploys</h2>
${deploysTable(sorted, blamed, links)}
</main>
</body>
</html>
`;
}

export type { SeriesSource, TemplateSeries } from './html/timeline-chart';
export type { HealthSource, ServiceHealth } from './html/health-panel';
export type { ReportLinks } from './html/links';
