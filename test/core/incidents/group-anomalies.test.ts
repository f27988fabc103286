import { groupAnomalies } from '../../../lambdas/core/incidents';
import { anomaly, at } from '../rank/anomaly-factory';

describe('groupAnomalies', () => {
  it('joins anomalies close in time across services into one incident whose onset is the earliest', () => {
    // Prepare
    const anomalies = [anomaly('orders', 33), anomaly('payments', 30), anomaly('gateway', 38)];

    // Act
    const incidents = groupAnomalies(anomalies);

    // Assess
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.start).toBe(at(30));
    expect(incidents[0]?.services).toEqual(['payments', 'orders', 'gateway']);
    expect(incidents[0]?.id).toBe('inc-2024-03-01T09:30:00.000Z');
  });

  it('chains anomalies each within the gap of the previous one, and splits at a longer pause', () => {
    // Prepare
    const anomalies = [anomaly('a', 10), anomaly('b', 18), anomaly('c', 26), anomaly('d', 50)];

    // Act
    const incidents = groupAnomalies(anomalies, { gapMs: 10 * 60_000 });

    // Assess
    expect(incidents.map((i) => i.services)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('lets weak anomalies join an incident they fall in, but never start or stretch one', () => {
    // Prepare: a weak new info template before, inside and long after a strong anomaly.
    const weak = { kind: 'new' as const, error: false, score: 0.1 };
    const anomalies = [
      anomaly('x', 29, weak),
      anomaly('y', 30),
      anomaly('x', 36, weak),
      anomaly('z', 39, weak),
      anomaly('w', 80, weak),
    ];

    // Act
    const incidents = groupAnomalies(anomalies);

    // Assess
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.anomalies.map((a) => a.service).sort()).toEqual(['x', 'x', 'y', 'z']);
    expect(incidents[0]?.start).toBe(at(29));
  });

  it('lists the strongest anomaly first and grades severity from the combined strength', () => {
    // Prepare
    const burst = [anomaly('a', 10, { kind: 'error-surge', score: 0.3, buckets: 1 })];
    const outage = [anomaly('b', 50, { score: 0.5 }), anomaly('c', 52, { score: 0.97 })];

    // Act
    const [low, high] = groupAnomalies([...burst, ...outage]);

    // Assess
    expect(low?.severity).toBe('low');
    expect(high?.severity).toBe('high');
    expect(high?.anomalies.map((a) => a.score)).toEqual([0.97, 0.5]);
    expect(high?.end).toBe(at(72));
  });

  it('leaves out anomalies too weak to mean anything', () => {
    // Act
    const incidents = groupAnomalies([anomaly('a', 10), anomaly('b', 11, { score: 0.001 })]);

    // Assess
    expect(incidents[0]?.services).toEqual(['a']);
  });

  it('starts an incident from anomalies of one service a few seconds apart, each too weak alone', () => {
    // Prepare: two young new error templates of one service, 0.15 each (a seed needs 0.2).
    const young = { score: 0.15, buckets: 1 };
    const together = [anomaly('checkout', 30, young), anomaly('checkout', 30.5, young)];

    // Act
    const incidents = groupAnomalies(together);

    // Assess
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.anomalies).toHaveLength(2);
    expect(incidents[0]?.provisional).toBe(true);
  });

  it('never adds up weak anomalies of different services, far apart, or new non-error templates', () => {
    // Prepare
    const young = { score: 0.15, buckets: 1 };
    const info = { score: 0.15, buckets: 1, kind: 'new' as const, error: false };
    const apart = [anomaly('checkout', 30, young), anomaly('checkout', 40, young)];
    const services = [anomaly('checkout', 30, young), anomaly('payments', 30.5, young)];
    const release = [anomaly('checkout', 30, info), anomaly('checkout', 30.2, info), anomaly('checkout', 30.4, info)];

    // Act
    const incidents = [apart, services, release].map((set) => groupAnomalies(set));

    // Assess
    expect(incidents).toEqual([[], [], []]);
  });
});
