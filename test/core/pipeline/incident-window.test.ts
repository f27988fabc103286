import type { Anomaly } from '../../../lambdas/core/analysis';
import { groupAnomalies, INCIDENT_DEFAULTS } from '../../../lambdas/core/incidents';
import {
  evidenceOf,
  incidentAround,
  initialWindow,
  ServiceHistories,
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

/** No history: nothing is explained away, so rank's grouping must equal grouping everything at once. */
const NO_HISTORY = { source: new ServiceHistories(new Map()), bucketMs: 60_000 };

/** What rank does: load the window, group, widen until the group is whole. */
function rankView(all: readonly Anomaly[], anomaly: Anomaly): ReturnType<typeof incidentAround> {
  let loaded: TimeWindow = initialWindow(anomaly, INCIDENT_DEFAULTS);
  for (;;) {
    const inWindow = all.filter((a) => a.firstSeen >= loaded.from && a.firstSeen <= loaded.to);
    const group = incidentAround(inWindow, anomaly, INCIDENT_DEFAULTS, NO_HISTORY);
    if (group === undefined) return undefined;
    const wider = windowNeeded(group, loaded, INCIDENT_DEFAULTS);
    if (wider === undefined) return group;
    loaded = wider;
  }
}

describe('grouping one anomaly at a time from a window of stored anomalies', () => {
  it('finds, for every anomaly in an incident, the same incident the CLI finds grouping all of them at once', () => {
    const all = storedAnomalies();
    const incidents = groupAnomalies(all, INCIDENT_DEFAULTS);
    const held = all.filter((anomaly) => incidents.some((g) => g.anomalies.some((a) => a.id === anomaly.id)));

    const views = held.map((anomaly) => [anomaly.id, rankView(all, anomaly)?.id ?? null]);
    const expected = held.map((anomaly) => [
      anomaly.id,
      incidents.find((g) => g.anomalies.some((a) => a.id === anomaly.id))?.id,
    ]);

    expect(held.length).toBeGreaterThan(0);
    expect(views).toEqual(expected);
  });

  it('gives an anomaly that weakened the incident whose span it falls in, so that incident is ranked again without it', () => {
    const all = storedAnomalies();
    const incident = groupAnomalies(all, INCIDENT_DEFAULTS)[0]!;
    const strong = incident.anomalies[0]!;
    const weakened: Anomaly = { ...strong, id: `${strong.id}-ended`, score: 0, active: false };

    const view = rankView([...all, weakened], weakened);

    expect(view?.id).toBe(incident.id);
    expect(view?.anomalies.map((a) => a.id)).not.toContain(weakened.id);
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

    expect(evidenceOf(incident, incident.anomalies, early, INCIDENT_DEFAULTS)).toBe(3 * incident.anomalies.length);
    expect(evidenceOf(incident, incident.anomalies, later, INCIDENT_DEFAULTS)).toBeGreaterThan(
      evidenceOf(incident, incident.anomalies, early, INCIDENT_DEFAULTS),
    );
  });

  it('counts an anomaly that left the incident in its span, so the view that saw it leave weighs more', () => {
    const incident = groupAnomalies(storedAnomalies(), INCIDENT_DEFAULTS)[0]!;
    const strong = incident.anomalies[0]!;
    const left: Anomaly = { ...strong, id: `${strong.id}-ended`, score: 0, active: false };
    const before = new Map([...incident.anomalies.map((a): [string, number] => [a.id, 3]), [left.id, 3]]);
    const after = new Map([...before, [left.id, 4]]);
    const loaded = [...incident.anomalies, left];

    expect(evidenceOf(incident, loaded, after, INCIDENT_DEFAULTS)).toBeGreaterThan(
      evidenceOf(incident, loaded, before, INCIDENT_DEFAULTS),
    );
  });
});
