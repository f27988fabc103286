import type { Suspect } from '../../../lambdas/core/analysis';
import type { Verdict, VerdictAnomaly } from '../../../lambdas/core/pipeline';

/** A Tuesday in March 2024, on a minute boundary. */
export const T0 = Date.UTC(2024, 2, 5, 10, 0, 0);
const MINUTE = 60_000;

export function suspect(over: Partial<Suspect> = {}): Suspect {
  return {
    deployId: 'codedeploy:d-ABC123',
    service: 'checkout',
    timestamp: T0,
    version: 'v1.4.2',
    commit: '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9a0b1c2',
    author: 'alice',
    url: 'https://ci.example.com/runs/42',
    confidence: 0.82,
    blamed: true,
    lagMs: 3 * MINUTE,
    evidence: [
      "checkout's first anomaly came 3 min after the deploy",
      "checkout's anomalies are 90% of the incident's anomaly weight.",
    ],
    factors: { lag: 1.2 },
    ...over,
  };
}

/** A second suspect, not blamed, without a link. */
export function runnerUp(): Suspect {
  const withUrl = suspect({
    deployId: 'ecs:payments:7',
    service: 'payments',
    version: 'v88',
    commit: 'aa11bb22',
    author: 'bob',
    confidence: 0.09,
    blamed: false,
    lagMs: null,
    evidence: [],
  });
  const { url, ...rest } = withUrl;
  void url;
  return rest;
}

/** An HDFS-style error template that appeared after the deploy (real loghub-2k wording). */
export function anomaly(over: Partial<VerdictAnomaly> = {}): VerdictAnomaly {
  return {
    id: 'a-1',
    service: 'checkout',
    kind: 'new',
    templateId: 't1',
    template: '<*>:50010:Got exception while serving <*> to <*>',
    error: true,
    firstSeen: T0 + 3 * MINUTE,
    lastSeen: T0 + 9 * MINUTE,
    active: true,
    observed: 57,
    expected: 0,
    score: 0.9,
    ...over,
  };
}

export function verdict(over: Partial<Verdict> = {}): Verdict {
  const suspects = over.suspects ?? [suspect(), runnerUp()];
  return {
    incidentId: 'inc-2024-03-05T10:03:00.000Z',
    start: T0 + 3 * MINUTE,
    end: T0 + 9 * MINUTE,
    services: ['checkout'],
    severity: 'high',
    nature: 'fault',
    provisional: false,
    score: 0.93,
    anomalyCount: 2,
    anomalies: [
      anomaly(),
      anomaly({
        id: 'a-2',
        kind: 'drop',
        templateId: 't2',
        template: 'PacketResponder <*> for block <*> terminating',
        error: false,
        observed: 0,
        expected: 48,
        score: 0.6,
      }),
    ],
    suspects,
    unexplained: 0.09,
    unexplainedEvidence: [],
    blamed: suspects.find((s) => s.blamed)?.deployId ?? null,
    ...over,
  };
}
