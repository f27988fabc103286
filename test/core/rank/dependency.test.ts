import { rankSuspects } from '../../../lambdas/core/rank';
import { anomaly, deploy, incidentOf } from './anomaly-factory';

describe('blame through a dependency', () => {
  const callerFails = (template: string, sample: string) => incidentOf(anomaly('checkout', 32, { template, sample }));

  it('blames a quiet service whose caller fails naming its host, and says so', () => {
    // Prepare
    const incident = callerFails(
      'error: connect to billing.internal (<IP>) port <NUM> failed: Connection timed out',
      'error: connect to billing.internal (10.2.3.4) port 8443 failed: Connection timed out',
    );
    const deploys = [deploy('bad', 'billing', 30), deploy('other', 'search', 29)];

    // Act
    const { suspects } = rankSuspects(incident, deploys);

    // Assess
    expect(suspects.map((s) => [s.deployId, s.blamed])).toEqual([
      ['bad', true],
      ['other', false],
    ]);
    expect(suspects[0]?.evidence[0]).toMatch(
      /checkout's errors name billing .* blamed through the dependency checkout → billing/,
    );
  });

  it('blames a quiet service a declared dependency leads to when the caller names nothing', () => {
    // Prepare
    const incident = callerFails(
      'Request <HEX> failed after 3 attempts (last status 502), giving up',
      'Request 9f3a failed after 3 attempts (last status 502), giving up',
    );
    const deploys = [deploy('bad', 'billing', 30), deploy('other', 'search', 29)];

    // Act
    const declared = rankSuspects(incident, deploys, { dependsOn: { checkout: ['billing'] } });
    const undeclared = rankSuspects(incident, deploys);

    // Assess
    expect(declared.suspects[0]).toMatchObject({ deployId: 'bad', blamed: true });
    expect(declared.suspects[0]?.evidence[0]).toMatch(/declared in dependsOn/);
    expect(undeclared.suspects.some((s) => s.blamed)).toBe(false);
  });

  it("blames the quiet service the caller's errors name over the caller's own older deploy, despite a restart blip", () => {
    // Prepare: checkout deployed 45 min before its errors; billing deployed 2 min before them and shows only the
    // few extra lines of its rolling restart. checkout's errors name billing.
    const incident = incidentOf(
      anomaly('checkout', 32, {
        template: 'upstream billing.internal unavailable: <NUM> requests failed in the last <DURATION>',
        sample: 'upstream billing.internal unavailable: 12 requests failed in the last 30s',
      }),
      anomaly('billing', 30.5, {
        kind: 'spike',
        error: false,
        template: 'Received SIGTERM, draining <NUM> connections',
        sample: 'Received SIGTERM, draining 4 connections',
        score: 0.04,
        buckets: 2,
      }),
    );
    const deploys = [deploy('caller', 'checkout', -13), deploy('bad', 'billing', 30)];

    // Act
    const { suspects } = rankSuspects(incident, deploys);

    // Assess
    expect(suspects.map((s) => [s.deployId, s.blamed])).toEqual([
      ['bad', true],
      ['caller', false],
    ]);
    expect(suspects[0]?.evidence[0]).toMatch(/blamed through the dependency checkout → billing/);
    expect(suspects[1]?.evidence.join(' ')).toMatch(/checkout's errors name billing, deployed after this one/);
  });
});
