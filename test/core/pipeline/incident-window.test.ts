import type { Anomaly } from '../../../lambdas/core/analysis';
import { groupAnomalies, INCIDENT_DEFAULTS } from '../../../lambdas/core/incidents';
import {
  evidenceOf,
  incidentContaining,
  initialWindow,
  windowNeeded,
  type TimeWindow,
} from '../../../lambdas/core/pipeline';
import { anomalyStream } from '../../lambdas/rank/anomaly-stream';

/** Latest form of every anomaly of a generated cascade scenario, as rank ends up storing them. */
function storedAnomalies(): Anomaly[] {
  const latest = new Map<string, Anomaly>();
  for (const message of anomalyStream().messages) latest.set(message.anomaly.id, message.anomaly);
  return [...latest.values()];
}

/** What rank does: load the window, group, widen until the group is whole. */
function rankView(all: readonly Anomaly[], anomaly: Anomaly): ReturnType<typeof incidentContaining> {
  let loaded: TimeWindow = initialWindow(anomaly, INCIDENT_DEFAULTS);
  for (;;) {
    const inWindow = all.filter((a) => a.firstSeen >= loaded.from && a.firstSeen <= loaded.to);
    const group = incidentContaining(inWindow, anomaly.id, INCIDENT_DEFAULTS);
    if (group === undefined) return undefined;
    const wider = windowNeeded(group, loaded, INCIDENT_DEFAULTS);
    if (wider === undefined) return group;
    loaded = wider;
  }
}

describe('grouping one anomaly at a time from a window of stored anomalies', () => {
  it('finds, for every anomaly, the same incident the CLI finds grouping all of them at once', () => {
    const all = storedAnomalies();
    const incidents = groupAnomalies(all, INCIDENT_DEFAULTS);

    const views = all.map((anomaly) => [anomaly.id, rankView(all, anomaly)?.id ?? null]);
    const expected = all.map((anomaly) => [
      anomaly.id,
      incidents.find((g) => g.anomalies.some((a) => a.id === anomaly.id))?.id ?? null,
    ]);

    expect(incidents.length).toBeGreaterThan(0);
    expect(views).toEqual(expected);
  });

  it('widens the window when the incident reaches beyond it, and stops once it covers the reach', () => {
    const all = storedAnomalies();
    const incident = groupAnomalies(all, INCIDENT_DEFAULTS)[0]!;
    const loaded = { from: incident.start, to: incident.start + 1 };

    const wider = windowNeeded(incident, loaded, INCIDENT_DEFAULTS);
    const enough = { from: incident.start - 10 * 3_600_000, to: incident.end + 10 * 3_600_000 };

    expect(wider?.from).toBeLessThan(incident.start - INCIDENT_DEFAULTS.gapMs);
    expect(windowNeeded(incident, enough, INCIDENT_DEFAULTS)).toBeUndefined();
  });
});

describe('evidenceOf', () => {
  it('sums the revisions of the incident anomalies, so a view seeing more revisions weighs more', () => {
    const incident = groupAnomalies(storedAnomalies(), INCIDENT_DEFAULTS)[0]!;
    const early = new Map(incident.anomalies.map((a) => [a.id, 3]));
    const later = new Map(incident.anomalies.map((a, i) => [a.id, i === 0 ? 4 : 3]));

    expect(evidenceOf(incident, early)).toBe(3 * incident.anomalies.length);
    expect(evidenceOf(incident, later)).toBeGreaterThan(evidenceOf(incident, early));
  });
});
