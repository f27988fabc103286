/** One incident of the HTML report: verdict, timeline, ranked suspects, and what changed after the blamed deploy. */
import type { Anomaly, Deploy, Incident, Suspect } from '../../../lambdas/core/analysis';
import { formatDuration } from '../../../lambdas/core/rank';
import { escapeHtml, iso, percent } from './escape';
import { type HealthSource, renderHealthPanel } from './health-panel';
import { deployLinks, type ReportLinks } from './links';
import { KIND_COLOURS, renderTimeline, timelineRange, type TimelineOptions } from './timeline-chart';

/** What an incident section needs besides the incident: the health source and the link templates. */
export interface IncidentSectionOptions {
  readonly health?: HealthSource | undefined;
  readonly links: ReportLinks;
}

const KIND_GROUPS: ReadonlyArray<{ readonly title: string; readonly kinds: ReadonlyArray<Anomaly['kind']> }> = [
  { title: 'Appeared', kinds: ['new'] },
  { title: 'Spiked', kinds: ['spike', 'error-surge'] },
  { title: 'Went silent', kinds: ['drop'] },
];

const e = escapeHtml;

function deployName(s: Pick<Suspect, 'deployId' | 'service' | 'version'>): string {
  return `${e(s.deployId)} <span class="muted">(${e(s.service)}${s.version === undefined ? '' : ` ${e(s.version)}`})</span>`;
}

function verdict(incident: Incident): string {
  const blamed = incident.suspects.find((s) => s.blamed);
  if (blamed !== undefined) {
    return `<div class="verdict blamed"><b>Likely cause:</b> deploy ${deployName(blamed)} at ${e(iso(blamed.timestamp))}, <b>${percent(blamed.confidence)}</b> confident.</div>`;
  }
  if (incident.suspects.length === 0)
    return '<div class="verdict"><b>Likely cause:</b> no deploy in the lookback window.</div>';
  return `<div class="verdict"><b>Likely cause:</b> no deploy explains it well enough to blame (${percent(incident.unexplained)} it is not a deploy).</div>`;
}

function suspectsTable(incident: Incident, links: ReportLinks): string {
  if (incident.suspects.length === 0) {
    const why = incident.unexplainedEvidence.map((t) => `<li>${e(t)}</li>`).join('');
    return `<p class="muted">No deploy was made in the lookback window.</p>${why === '' ? '' : `<ul class="evidence">${why}</ul>`}`;
  }
  const rows = incident.suspects.map((s, i) => {
    const [first, ...rest] = s.evidence;
    const more =
      rest.length === 0
        ? ''
        : `<details><summary>${rest.length} more reason${rest.length === 1 ? '' : 's'}</summary><ul class="evidence">${rest.map((t) => `<li>${e(t)}</li>`).join('')}</ul></details>`;
    const meta = [
      deployLinks({ ...s, id: s.deployId }, links),
      s.author === undefined ? '' : `by ${e(s.author)}`,
      s.description === undefined ? '' : `“${e(s.description)}”`,
    ]
      .filter((t) => t !== '')
      .join(' · ');
    const lag = s.lagMs === null ? '—' : formatDuration(s.lagMs);
    return `<tr class="suspect${s.blamed ? ' blamed' : ''}"><td class="num rank" data-label="#">${i + 1}</td><td data-label="Deploy">${deployName(s)}${s.blamed ? ' <span class="badge blamed">blamed</span>' : ''}<div class="muted">${e(iso(s.timestamp))}${meta === '' ? '' : ` · ${meta}`}</div>${first === undefined ? '' : `<div>${e(first)}</div>`}${more}</td><td class="num" data-label="Confidence"><span class="bar" style="width:${Math.round(s.confidence * 60)}px"></span>${percent(s.confidence)}</td><td class="num" data-label="Lag to anomaly">${e(lag)}</td></tr>`;
  });
  const none = `<tr class="no-deploy"><td class="num rank" data-label="#">—</td><td data-label="Cause">No deploy (something else)${incident.unexplainedEvidence.length === 0 ? '' : `<ul class="evidence">${incident.unexplainedEvidence.map((t) => `<li>${e(t)}</li>`).join('')}</ul>`}</td><td class="num" data-label="Confidence">${percent(incident.unexplained)}</td><td class="num empty"></td></tr>`;
  return `<table class="suspects"><thead><tr><th>#</th><th>Deploy and evidence</th><th>Confidence</th><th>Lag to anomaly</th></tr></thead><tbody>${rows.join('')}${none}</tbody></table>`;
}

function changesTable(anomalies: readonly Anomaly[]): string {
  const rows = anomalies.map(
    (a) =>
      `<tr data-kind="${e(a.kind)}"><td data-label="Change"><span class="badge" style="color:${KIND_COLOURS[a.kind]}">${e(a.kind)}</span>${a.error ? ' <span class="badge high">error</span>' : ''}<div class="muted">${e(a.service)} · from ${e(iso(a.firstSeen))}</div></td><td data-label="Template"><code>${e(a.template)}</code><span class="sample">${e(a.sample)}</span></td><td class="num" data-label="Before">${a.countBefore}</td><td class="num" data-label="After">${a.countAfter}</td></tr>`,
  );
  return `<table class="changes"><thead><tr><th>Change</th><th>Template and a sample line</th><th>Before</th><th>After</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Templates of the blamed (else the top) suspect's service that changed after its deploy, grouped by kind. */
function changedAfterDeploy(incident: Incident): string {
  const suspect = incident.suspects.find((s) => s.blamed) ?? incident.suspects[0];
  const anomalies =
    suspect === undefined
      ? []
      : incident.anomalies.filter((a) => a.service === suspect.service && a.firstSeen >= suspect.timestamp);
  if (suspect === undefined || anomalies.length === 0) {
    return `<h3>What changed</h3>${changesTable(incident.anomalies)}`;
  }
  const groups = KIND_GROUPS.map((g) => ({ ...g, items: anomalies.filter((a) => g.kinds.includes(a.kind)) }))
    .filter((g) => g.items.length > 0)
    .map((g) => `<h4>${g.title} (${g.items.length})</h4>${changesTable(g.items)}`);
  const others = incident.anomalies.filter((a) => !anomalies.includes(a));
  const rest = others.length === 0 ? '' : `<h3>Other changes in the incident</h3>${changesTable(others)}`;
  return `<h3>What changed in ${e(suspect.service)} after deploy ${e(suspect.deployId)}</h3><p class="note">Before/after: lines of the template in the compare window before and from its first change.</p>${groups.join('')}${rest}`;
}

function health(
  incident: Incident,
  deploys: readonly Deploy[],
  chart: TimelineOptions,
  source: HealthSource | undefined,
): string {
  const panel = renderHealthPanel(incident, deploys, timelineRange(incident, chart.compareWindowMs), source);
  return panel === '' ? '' : `<h3>Service health</h3>${panel}`;
}

export function renderIncident(
  incident: Incident,
  index: number,
  count: number,
  deploys: readonly Deploy[],
  chart: TimelineOptions,
  options: IncidentSectionOptions = { links: {} },
): string {
  const legend = Object.entries(KIND_COLOURS)
    .map(([kind, colour]) => `<span><i style="background:${colour}"></i>${e(kind)}</span>`)
    .join('');
  return `<section class="incident" id="${e(incident.id)}">
<h2>Incident ${index + 1} of ${count} <span class="badge ${e(incident.severity)}">${e(incident.severity)}</span></h2>
<p class="muted">${e(iso(incident.start))} for ${e(formatDuration(incident.end - incident.start))} · ${incident.services.map(e).join(', ')} · score ${incident.score.toFixed(2)}</p>
${verdict(incident)}
${health(incident, deploys, chart, options.health)}
<h3>Timeline</h3>
<div class="chart">${renderTimeline(incident, deploys, chart)}</div>
<div class="legend">${legend}<span><i style="background:#868e96"></i>rate before</span><span><i style="background:#ffe8cc"></i>incident</span><span>dashed: deploys, red: blamed · numbers: lines before → after</span></div>
<h3>Suspects</h3>
${suspectsTable(incident, options.links)}
${changedAfterDeploy(incident)}
</section>`;
}
