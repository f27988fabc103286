import type { Anomaly } from '../analysis';
import { explainedIncidents, type IncidentGroup, type IncidentOptions, type LogHistorySource } from '../incidents';

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

/** First-seen time of the group's last strong anomaly (the one a later anomaly would chain onto). */
function lastSeedOf(group: IncidentGroup, o: IncidentOptions): number {
  let lastSeed = group.start;
  for (const a of group.anomalies) if (a.score >= o.minSeedScore && a.firstSeen > lastSeed) lastSeed = a.firstSeen;
  return lastSeed;
}

/** First-seen times an anomaly can have and still join `group` (`groupAnomalies`' span for weak anomalies). */
function spanOf(group: IncidentGroup, o: IncidentOptions): TimeWindow {
  return { from: group.start - o.attachBeforeMs, to: lastSeedOf(group, o) + o.gapMs };
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
  const from = group.start - reach(o);
  const to = lastSeedOf(group, o) + reach(o);
  if (from >= loaded.from && to <= loaded.to) return undefined;
  // One reach of slack on the side that fell short, so a chain that keeps growing is not re-read minute by minute.
  return { from: from < loaded.from ? from - reach(o) : loaded.from, to: to > loaded.to ? to + reach(o) : loaded.to };
}

/** The services' history the incidents are explained against, and its bucket length. */
export interface IncidentHistory {
  readonly source: LogHistorySource;
  readonly bucketMs: number;
}

/**
 * The incident, among those the loaded anomalies form, that `anomaly` belongs to, taking the CLI's step
 * (`explainedIncidents`) so an anomaly a rewording, a load surge or nothing but a behaviour change explains is
 * treated as the CLI treats it. An anomaly in no incident (it weakened, e.g. a young rise that ended, or it was
 * explained away) gives the incident whose span it falls in: that incident may have held it, and is ranked again
 * without it. Undefined when there is none.
 */
export function incidentAround(
  anomalies: readonly Anomaly[],
  anomaly: Pick<Anomaly, 'id' | 'firstSeen'>,
  o: IncidentOptions,
  history: IncidentHistory,
): IncidentGroup | undefined {
  const { groups } = explainedIncidents(anomalies, history.source, history.bucketMs, o);
  return (
    groups.find((group) => group.anomalies.some((a) => a.id === anomaly.id)) ??
    groups.find((group) => {
      const span = spanOf(group, o);
      return anomaly.firstSeen >= span.from && anomaly.firstSeen <= span.to;
    })
  );
}

/**
 * How much the view behind a verdict knows: the sum of the revisions of the loaded anomalies that could join the
 * incident (its members, and those in its span that are too weak or were explained away: an anomaly leaving the
 * incident is news too). A revision only grows, and a later (strongly consistent) read sees every anomaly an
 * earlier one saw, so of two verdicts for one incident the better-informed one has the larger evidence; equal
 * evidence means the same view.
 */
export function evidenceOf(
  group: IncidentGroup,
  loaded: readonly Anomaly[],
  revisions: ReadonlyMap<string, number>,
  o: IncidentOptions,
): number {
  const span = spanOf(group, o);
  let total = 0;
  for (const a of loaded) if (a.firstSeen >= span.from && a.firstSeen <= span.to) total += revisions.get(a.id) ?? 0;
  return total;
}
