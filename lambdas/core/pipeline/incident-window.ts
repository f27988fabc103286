import type { Anomaly } from '../analysis';
import { groupAnomalies, type IncidentGroup, type IncidentOptions } from '../incidents';

/** A time range of anomaly first-seen times, epoch ms, both ends included. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * Widest window rank loads to complete one incident; a longer chain of anomalies is ranked on this part.
 * @default 86400000 (one day)
 */
export const MAX_INCIDENT_WINDOW_MS = 86_400_000;

/**
 * Rank sees one anomaly at a time but groups like the CLI, which groups all anomalies at once. An incident is a
 * chain of strong anomalies at most `gapMs` apart, with weak ones attached up to `attachBeforeMs` before it, so
 * everything that can share an incident with `anomaly` lies within this reach of it, or of the group's ends.
 */
function reach(o: IncidentOptions): number {
  return o.gapMs + o.attachBeforeMs;
}

/** The first window to load around a changed anomaly. */
export function initialWindow(anomaly: Pick<Anomaly, 'firstSeen'>, o: IncidentOptions): TimeWindow {
  return { from: anomaly.firstSeen - reach(o), to: anomaly.firstSeen + reach(o) };
}

/**
 * The wider window needed before `group` can be trusted to be whole (an anomaly outside `loaded` could still
 * chain onto it), or undefined when `loaded` already covers its reach.
 */
export function windowNeeded(group: IncidentGroup, loaded: TimeWindow, o: IncidentOptions): TimeWindow | undefined {
  let lastSeed = group.start;
  for (const a of group.anomalies) if (a.score >= o.minSeedScore && a.firstSeen > lastSeed) lastSeed = a.firstSeen;
  const from = group.start - reach(o);
  const to = lastSeed + reach(o);
  if (from >= loaded.from && to <= loaded.to) return undefined;
  // One reach of slack on the side that fell short, so a chain that keeps growing is not re-read minute by minute.
  return { from: from < loaded.from ? from - reach(o) : loaded.from, to: to > loaded.to ? to + reach(o) : loaded.to };
}

/** The incident, among those the loaded anomalies form, that holds `anomalyId`. */
export function incidentContaining(
  anomalies: readonly Anomaly[],
  anomalyId: string,
  o: IncidentOptions,
): IncidentGroup | undefined {
  return groupAnomalies(anomalies, o).find((group) => group.anomalies.some((a) => a.id === anomalyId));
}

/**
 * How much the view behind a verdict knows: the sum of its anomalies' revisions. A revision only grows, and a
 * later (strongly consistent) read sees every anomaly an earlier one saw, so of two verdicts for one incident
 * the better-informed one has the larger evidence; equal evidence means the same view.
 */
export function evidenceOf(group: IncidentGroup, revisions: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const a of group.anomalies) total += revisions.get(a.id) ?? 0;
  return total;
}
