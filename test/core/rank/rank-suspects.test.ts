import { rankSuspects } from '../../../lambdas/core/rank';
import { anomaly, at, deploy, incidentOf, MINUTE } from './anomaly-factory';

describe('rankSuspects', () => {
  it('blames the deploy of the service whose new errors start right after it', () => {
    // Prepare
    const incident = incidentOf(anomaly('checkout', 31));
    const deploys = [deploy('bad', 'checkout', 30), deploy('other', 'search', 20)];

    // Act
    const { suspects, unexplained } = rankSuspects(incident, deploys);

    // Assess
    expect(suspects.map((s) => [s.deployId, s.blamed])).toEqual([
      ['bad', true],
      ['other', false],
    ]);
    expect(suspects[0]?.confidence).toBeGreaterThan(0.9);
    expect(suspects[0]?.lagMs).toBe(MINUTE);
    expect(unexplained).toBeLessThan(0.1);
    expect(suspects[0]?.evidence[0]).toMatch(
      /^checkout's first anomaly came 1 min after the deploy: a new error template/,
    );
  });

  it('blames the later bad deploy, not an earlier good deploy of the same service', () => {
    // Prepare
    const incident = incidentOf(anomaly('checkout', 42));
    const deploys = [deploy('good', 'checkout', 20), deploy('bad', 'checkout', 40)];

    // Act
    const { suspects } = rankSuspects(incident, deploys);

    // Assess
    expect(suspects.map((s) => s.deployId)).toEqual(['bad', 'good']);
    expect(suspects[0]?.blamed).toBe(true);
    expect(suspects[1]?.evidence.join(' ')).toMatch(/A later deploy of checkout \(bad/);
  });

  it('blames the upstream origin of a cascade over the downstream service that deployed just before its own errors', () => {
    // Prepare: payments breaks at 30; orders deployed at 31.5 and errors from 32.
    const incident = incidentOf(anomaly('payments', 30.5), anomaly('orders', 32, { kind: 'error-surge' }));
    const deploys = [deploy('upstream', 'payments', 30), deploy('downstream', 'orders', 31.5)];

    // Act
    const { suspects } = rankSuspects(incident, deploys);

    // Assess
    expect(suspects.map((s) => [s.deployId, s.blamed])).toEqual([
      ['upstream', true],
      ['downstream', false],
    ]);
    expect(suspects[1]?.evidence.join(' ')).toMatch(/orders looks downstream/);
  });

  it('blames a deploy whose errors start 12 minutes later over a benign deploy of another service in between', () => {
    // Prepare
    const incident = incidentOf(anomaly('billing', 42));
    const deploys = [deploy('slow', 'billing', 30), deploy('between', 'search', 36)];

    // Act
    const { suspects } = rankSuspects(incident, deploys);

    // Assess
    expect(suspects.map((s) => [s.deployId, s.blamed])).toEqual([
      ['slow', true],
      ['between', false],
    ]);
  });

  it('blames nothing when the failing service had no deploy and the services that deployed show nothing', () => {
    // Prepare
    const incident = incidentOf(anomaly('inventory', 50));
    const deploys = [deploy('a', 'search', 25), deploy('b', 'checkout', 45)];

    // Act
    const { suspects, unexplained, unexplainedEvidence } = rankSuspects(incident, deploys);

    // Assess
    expect(suspects.some((s) => s.blamed)).toBe(false);
    expect(unexplained).toBeGreaterThan(0.9);
    expect(unexplainedEvidence.join(' ')).toMatch(/starts in inventory, which had no deploy/);
  });

  it('blames the bad deploy, not the rollback that ended its errors', () => {
    // Prepare: errors from 31 to 45; the rollback at 44.
    const incident = incidentOf(anomaly('checkout', 31, { lastSeen: at(45), active: false }));
    const deploys = [deploy('bad', 'checkout', 30), deploy('rollback', 'checkout', 44)];

    // Act
    const { suspects } = rankSuspects(incident, deploys);

    // Assess: the rollback came after the errors began, so it is no candidate at all.
    expect(suspects.map((s) => [s.deployId, s.blamed])).toEqual([['bad', true]]);
  });

  it('does not blame a deploy for a short burst of a known error template long after it', () => {
    // Prepare: one-minute surge of a known error template, 40 minutes after the service's deploy.
    const burst = anomaly('checkout', 70, {
      kind: 'error-surge',
      buckets: 1,
      score: 0.21,
      lastSeen: at(71),
      active: false,
    });
    const incident = incidentOf(burst);

    // Act
    const { suspects } = rankSuspects(incident, [deploy('old', 'checkout', 30)]);

    // Assess
    expect(suspects.map((s) => s.blamed)).toEqual([false]);
  });

  it('gives no suspect at all when no deploy is in the lookback window', () => {
    // Prepare
    const incident = incidentOf(anomaly('checkout', 200));

    // Act
    const { suspects, unexplained } = rankSuspects(incident, [deploy('ancient', 'checkout', 10)]);

    // Assess
    expect(suspects).toEqual([]);
    expect(unexplained).toBe(1);
  });

  it('keeps confidences a probability distribution with "no deploy", and honours the blame threshold', () => {
    // Prepare
    const incident = incidentOf(anomaly('checkout', 31), anomaly('orders', 33));
    const deploys = [deploy('bad', 'checkout', 30), deploy('x', 'orders', 29), deploy('y', 'search', 25)];

    // Act
    const loose = rankSuspects(incident, deploys);
    const strict = rankSuspects(incident, deploys, { blameThreshold: 0.9999 });

    // Assess
    const sum = loose.suspects.reduce((s, x) => s + x.confidence, loose.unexplained);
    expect(sum).toBeCloseTo(1, 2);
    expect(loose.suspects.filter((s) => s.blamed)).toHaveLength(1);
    expect(strict.suspects.filter((s) => s.blamed)).toHaveLength(0);
  });

  it('explains that a rollback with anomalies of its own came after its service was already failing', () => {
    // Prepare: errors from 31; the rollback at 38 brings a new line of its own at 38.5.
    const incident = incidentOf(
      anomaly('checkout', 31, { lastSeen: at(39) }),
      anomaly('checkout', 38.5, { kind: 'new', error: false, score: 0.1 }),
    );
    const deploys = [deploy('bad', 'checkout', 30), deploy('rollback', 'checkout', 38)];

    // Act
    const { suspects } = rankSuspects(incident, deploys);

    // Assess
    expect(suspects.map((s) => [s.deployId, s.blamed])).toEqual([
      ['bad', true],
      ['rollback', false],
    ]);
    expect(suspects[1]?.evidence.join(' ')).toMatch(/already anomalous 7 min before this deploy/);
  });

  it('considers a deploy after the onset when its own service’s anomalies start after it', () => {
    // Prepare: noise in search at 30, then checkout deployed at 33 and broke at 34.
    const incident = incidentOf(anomaly('search', 30, { score: 0.25, buckets: 2 }), anomaly('checkout', 34));

    // Act
    const { suspects } = rankSuspects(incident, [deploy('late', 'checkout', 33)]);

    // Assess
    expect(suspects.map((s) => s.deployId)).toEqual(['late']);
  });
});
