/**
 * The health panel above an incident's template rows: per service, all lines and error lines per minute over the
 * timeline's range, the incident shaded, the service's deploys marked and the blamed one in red. The charts
 * stretch to the page's width (SVG without text, strokes that do not scale); times and labels are HTML placed
 * by percentage, so they stay readable from a phone to a wide screen.
 */
import type { Deploy, Incident } from '../../../lambdas/core/analysis';
import { clock, escapeHtml, isShowableTime, iso } from './escape';
import { tickStep } from './timeline-chart';

/** All lines and error lines of one service per bucket: index `i` covers `[start + i·bucketMs, … + bucketMs)`. */
export interface ServiceHealth {
  readonly start: number;
  readonly bucketMs: number;
  readonly lines: readonly number[];
  readonly errors: readonly number[];
}

/** A service's health over `[from, to)`, or undefined when that history is not available. */
export type HealthSource = (service: string, from: number, to: number) => ServiceHealth | undefined;

/** Chart width in viewBox units; the SVG stretches it to the panel's width. */
const UNITS = 1000;
const LINES_HEIGHT = 46;
const ERRORS_HEIGHT = 26;

const e = escapeHtml;

function perMinute(count: number, bucketMs: number): number {
  return (count * 60_000) / bucketMs;
}

function rate(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

/** A filled step area of `counts`, scaled so `max` reaches the top. */
function area(health: ServiceHealth, counts: readonly number[], max: number, height: number, x: (t: number) => number) {
  let d = `M${x(health.start).toFixed(1)},${height}`;
  counts.forEach((count, i) => {
    const y = height - (max <= 0 ? 0 : (count / max) * (height - 2));
    d += ` V${y.toFixed(1)} H${x(health.start + (i + 1) * health.bucketMs).toFixed(1)}`;
  });
  return `${d} V${height} Z`;
}

function chart(
  kind: 'lines' | 'errors',
  health: ServiceHealth,
  height: number,
  x: (t: number) => number,
  shade: string,
  markers: string,
): string {
  const counts = kind === 'lines' ? health.lines : health.errors;
  const peak = Math.max(0, ...counts);
  const path = peak === 0 ? '' : `<path class="health-${kind}" d="${area(health, counts, peak, height, x)}"/>`;
  return `<svg class="health-chart ${kind}" viewBox="0 0 ${UNITS} ${height}" preserveAspectRatio="none" width="100%" height="${height}" aria-hidden="true">${shade.replaceAll('HEIGHT', String(height))}${path}${markers.replaceAll('HEIGHT', String(height))}</svg>`;
}

export function renderHealthPanel(
  incident: Incident,
  deploys: readonly Deploy[],
  [from, to]: readonly [number, number],
  source: HealthSource | undefined,
): string {
  if (source === undefined) return '';
  const span = to - from;
  const clamp = (t: number): number => Math.min(to, Math.max(from, t));
  const x = (t: number): number => ((clamp(t) - from) / span) * UNITS;
  const share = (t: number): number => ((clamp(t) - from) / span) * 100;
  // A label centred on a time near an edge would be cut by the panel: it hangs inwards instead.
  const place = (t: number): string => {
    const at = share(t);
    const shift = at < 6 ? '0' : at > 94 ? '-100%' : '-50%';
    return `left:${at.toFixed(2)}%;transform:translateX(${shift})`;
  };
  const blamed = new Set(incident.suspects.filter((s) => s.blamed).map((s) => s.deployId));
  const services = [
    ...new Set([...incident.services, ...incident.suspects.filter((s) => s.blamed).map((s) => s.service)]),
  ];
  const shade = `<rect class="health-incident" x="${x(incident.start).toFixed(1)}" y="0" width="${Math.max(1, x(incident.end) - x(incident.start)).toFixed(1)}" height="HEIGHT"/>`;

  const rows = services.map((service) => {
    const health = source(service, from, to);
    const own = deploys.filter(
      (d) => d.service === service && isShowableTime(d.timestamp) && d.timestamp >= from && d.timestamp <= to,
    );
    if (health === undefined || health.lines.length === 0)
      return `<div class="health-row"><div class="health-head"><b>${e(service)}</b> <span class="muted">no per-minute history for this range</span></div></div>`;
    const markers = own
      .map(
        (d) =>
          `<line class="health-deploy${blamed.has(d.id) ? ' blamed' : ''}" x1="${x(d.timestamp).toFixed(1)}" x2="${x(d.timestamp).toFixed(1)}" y1="0" y2="HEIGHT" vector-effect="non-scaling-stroke"/>`,
      )
      .join('');
    const labels = own
      .map(
        (d) =>
          `<span class="health-deploy-label${blamed.has(d.id) ? ' blamed' : ''}" style="${place(d.timestamp)}" title="${e(`deploy ${d.id} at ${iso(d.timestamp)}`)}">${e(d.version ?? d.id)}</span>`,
      )
      .join('');
    const minutes = health.lines.length;
    const total = health.lines.reduce((sum, n) => sum + n, 0);
    const peakErrors = Math.max(0, ...health.errors.map((n) => perMinute(n, health.bucketMs)));
    const summary = `${rate(perMinute(total / minutes, health.bucketMs))} lines/min on average · errors peak ${rate(peakErrors)}/min`;
    return `<div class="health-row" data-service="${e(service)}"><div class="health-head"><b>${e(service)}</b> <span class="muted">${summary}</span></div>
<div class="health-deploys">${labels}</div>
<div class="health-legend"><span>lines/min</span></div>${chart('lines', health, LINES_HEIGHT, x, shade, markers)}
<div class="health-legend errors"><span>error lines/min</span></div>${chart('errors', health, ERRORS_HEIGHT, x, shade, markers)}</div>`;
  });

  const step = tickStep(span);
  const ticks: string[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step)
    ticks.push(`<span style="${place(t)}">${clock(t)}</span>`);
  return `<div class="health">${rows.join('\n')}<div class="health-axis">${ticks.join('')}</div></div>`;
}
