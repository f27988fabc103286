/**
 * The incident timeline as inline SVG: one lane per anomalous template showing its rate before the change
 * (grey, over the detector's compare window) and after it (coloured, from first to last sighting), with every
 * deploy in range drawn as a vertical marker. The analysis result has no per-template time series, so rates are
 * the anomalies' before/after counts spread over those spans — unless a {@link SeriesSource} gives the lines per
 * bucket, in which case each lane is that template's real rate over the whole chart.
 */
import type { Anomaly, Deploy, Incident } from '../../../lambdas/core/analysis';
import { clock, escapeHtml, isShowableTime, iso, truncate } from './escape';
import { rowLabel } from './row-label';

/** Lines of one template per bucket: `counts[i]` covers `[start + i·bucketMs, start + (i+1)·bucketMs)`. */
export interface TemplateSeries {
  readonly start: number;
  readonly bucketMs: number;
  readonly counts: readonly number[];
}

/** Per-bucket lines of a template over `[from, to)`, or undefined when that history is not available. */
export type SeriesSource = (
  service: string,
  templateId: string,
  from: number,
  to: number,
) => TemplateSeries | undefined;

export interface TimelineOptions {
  /** Real per-template rates for the lanes. @default undefined (rates from the anomalies' counts) */
  readonly series?: SeriesSource | undefined;
  /** Window before `firstSeen` that `countBefore` covers. @default 600000 (the detector's compareWindowMs) */
  readonly compareWindowMs: number;
  /** Lanes drawn before the rest are summarised. @default 12 */
  readonly maxLanes: number;
}

const WIDTH = 960;
const LABEL = 250;
const RIGHT = 90;
const TOP = 58;
const LANE = 34;
const AXIS = 28;
const STEPS_MIN = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 360, 720, 1440];

export const KIND_COLOURS: Readonly<Record<Anomaly['kind'], string>> = {
  new: '#d9480f',
  spike: '#7048e8',
  'error-surge': '#c92a2a',
  drop: '#1971c2',
};

interface Lane {
  readonly anomaly: Anomaly;
  readonly beforeRate: number;
  readonly afterRate: number;
  readonly afterFrom: number;
  readonly afterTo: number;
}

const perMinute = (count: number, ms: number): number => (ms <= 0 ? count : (count * 60_000) / ms);

function laneOf(a: Anomaly, windowMs: number): Lane {
  // A drop's "after" is the silence; a change seen in one bucket still spans at least one minute.
  const afterTo = Math.max(a.lastSeen, a.firstSeen + 60_000);
  const afterMs = Math.min(afterTo - a.firstSeen, windowMs);
  return {
    anomaly: a,
    beforeRate: perMinute(a.countBefore, windowMs),
    afterRate: perMinute(a.countAfter, afterMs),
    afterFrom: a.firstSeen,
    afterTo,
  };
}

/** Time range of the chart: the suspects' deploys, the compare windows and the incident. */
export function timelineRange(incident: Incident, windowMs: number): [number, number] {
  // A deploy time no Date can hold would stretch the axis to nothing; it is listed, not drawn.
  const suspectTimes = incident.suspects.map((s) => s.timestamp).filter(isShowableTime);
  const from = Math.min(
    incident.start - windowMs,
    ...incident.anomalies.map((a) => a.firstSeen - windowMs),
    ...suspectTimes,
  );
  const to = Math.max(incident.end, ...incident.anomalies.map((a) => Math.max(a.lastSeen, a.firstSeen + 60_000)));
  const pad = Math.max((to - from) * 0.03, 30_000);
  return [from - pad, to + pad];
}

export function tickStep(spanMs: number): number {
  const minutes = spanMs / 60_000;
  return (STEPS_MIN.find((m) => minutes / m <= 8) ?? 1440) * 60_000;
}

/** A filled step line of lines/min per bucket, scaled to the lane's height. */
function seriesPath(
  series: TemplateSeries,
  toX: (t: number) => number,
  base: number,
  height: number,
  colour: string,
): string {
  // Buckets overhang the chart's range at both ends; keep the path inside the plot.
  const x = (t: number): number => Math.min(WIDTH - RIGHT, Math.max(LABEL, toX(t)));
  const max = Math.max(...series.counts, 1e-9);
  let d = `M${x(series.start).toFixed(1)},${base}`;
  series.counts.forEach((count, i) => {
    const y = (base - (count / max) * height).toFixed(1);
    d += ` V${y} H${x(series.start + (i + 1) * series.bucketMs).toFixed(1)}`;
  });
  d += ` V${base} Z`;
  return `<path class="rate-series" fill="${colour}" stroke="${colour}" d="${d}"/>`;
}

export function renderTimeline(incident: Incident, deploys: readonly Deploy[], options: TimelineOptions): string {
  const lanes = incident.anomalies.slice(0, options.maxLanes).map((a) => laneOf(a, options.compareWindowMs));
  const [from, to] = timelineRange(incident, options.compareWindowMs);
  const plotW = WIDTH - LABEL - RIGHT;
  const x = (t: number): number => LABEL + ((t - from) / (to - from)) * plotW;
  const height = TOP + lanes.length * LANE + AXIS;
  const bottom = TOP + lanes.length * LANE;
  const parts: string[] = [];

  parts.push(`<rect class="plot" x="${LABEL}" y="${TOP}" width="${plotW}" height="${lanes.length * LANE}"/>`);
  const step = tickStep(to - from);
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    parts.push(`<line class="grid" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${TOP}" y2="${bottom}"/>`);
    parts.push(`<text class="tick" x="${x(t).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${clock(t)}</text>`);
  }
  parts.push(
    `<rect class="incident-span" x="${x(incident.start).toFixed(1)}" y="${TOP}" width="${Math.max(1, x(incident.end) - x(incident.start)).toFixed(1)}" height="${lanes.length * LANE}"><title>Incident ${escapeHtml(iso(incident.start))} – ${escapeHtml(iso(incident.end))}</title></rect>`,
  );

  lanes.forEach((lane, i) => {
    const a = lane.anomaly;
    const y0 = TOP + i * LANE;
    const base = y0 + LANE - 6;
    const max = Math.max(lane.beforeRate, lane.afterRate, 1e-9);
    const yOf = (rate: number): number => base - (rate / max) * (LANE - 12);
    const colour = KIND_COLOURS[a.kind];
    const title = `${a.service} · ${a.kind} · ${a.template}\nbefore: ${a.countBefore} lines (${lane.beforeRate.toFixed(2)}/min)\nafter: ${a.countAfter} lines (${lane.afterRate.toFixed(2)}/min)`;
    parts.push(`<g class="lane" data-anomaly="${escapeHtml(a.id)}"><title>${escapeHtml(title)}</title>`);
    parts.push(`<line class="lane-sep" x1="0" x2="${WIDTH}" y1="${y0 + LANE}" y2="${y0 + LANE}"/>`);
    parts.push(
      `<text class="lane-label" x="4" y="${y0 + 14}"><tspan class="svc">${escapeHtml(truncate(a.service, 18))}</tspan> <tspan fill="${colour}">${escapeHtml(a.kind)}</tspan></text>`,
    );
    parts.push(
      `<text class="lane-template" x="4" y="${y0 + 27}">${escapeHtml(truncate(rowLabel(a.template), 40))}</text>`,
    );
    const series = options.series?.(a.service, a.templateId, from, to);
    if (series !== undefined && series.counts.length > 0) {
      parts.push(seriesPath(series, x, base, LANE - 12, colour));
      parts.push(`<circle class="first-seen" cx="${x(a.firstSeen).toFixed(1)}" cy="${base}" r="3" fill="${colour}"/>`);
      parts.push(
        `<text class="lane-counts" x="${WIDTH - RIGHT + 6}" y="${y0 + 21}">${a.countBefore} → ${a.countAfter}</text>`,
      );
      parts.push('</g>');
      return;
    }
    const bx = x(a.firstSeen - options.compareWindowMs);
    parts.push(
      `<path class="rate-before" d="M${bx.toFixed(1)},${yOf(lane.beforeRate).toFixed(1)} H${x(a.firstSeen).toFixed(1)}"/>`,
    );
    const ax0 = x(lane.afterFrom);
    const ax1 = Math.max(ax0 + 2, x(lane.afterTo));
    parts.push(
      `<rect class="rate-after" fill="${colour}" x="${ax0.toFixed(1)}" y="${yOf(lane.afterRate).toFixed(1)}" width="${(ax1 - ax0).toFixed(1)}" height="${Math.max(2, base - yOf(lane.afterRate)).toFixed(1)}"/>`,
    );
    parts.push(
      `<circle class="first-seen" cx="${ax0.toFixed(1)}" cy="${yOf(lane.afterRate).toFixed(1)}" r="3" fill="${colour}"/>`,
    );
    parts.push(
      `<text class="lane-counts" x="${WIDTH - RIGHT + 6}" y="${y0 + 21}">${a.countBefore} → ${a.countAfter}</text>`,
    );
    parts.push('</g>');
  });

  const inRange = deploys.filter((d) => isShowableTime(d.timestamp) && d.timestamp >= from && d.timestamp <= to);
  const blamed = new Set(incident.suspects.filter((s) => s.blamed).map((s) => s.deployId));
  inRange.forEach((d, i) => {
    const dx = x(d.timestamp).toFixed(1);
    const cls = blamed.has(d.id) ? 'deploy blamed' : 'deploy';
    const label = `${d.service}${d.version === undefined ? '' : ` ${d.version}`}`;
    const ly = 14 + (i % 3) * 14;
    parts.push(
      `<g class="${cls}" data-deploy="${escapeHtml(d.id)}"><title>${escapeHtml(`deploy ${d.id} of ${label} at ${iso(d.timestamp)}`)}</title>`,
    );
    parts.push(`<line x1="${dx}" x2="${dx}" y1="${ly + 4}" y2="${bottom}"/>`);
    parts.push(`<text x="${dx}" y="${ly}" text-anchor="middle">${escapeHtml(truncate(label, 28))}</text></g>`);
  });

  const more = incident.anomalies.length - lanes.length;
  const note =
    more > 0
      ? `<p class="note">${more} weaker anomal${more === 1 ? 'y' : 'ies'} not drawn; all are listed below.</p>`
      : '';
  return `<svg class="timeline" role="img" aria-label="Timeline of the incident" viewBox="0 0 ${WIDTH} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>${note}`;
}
