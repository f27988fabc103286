import type { AnalysisResult, Anomaly, Incident, Suspect } from '../../../lambdas/core/analysis';
import { isFailure } from '../../../bench/scenarios/eval-report';
import { matchIncident, scoreScenario, summarise } from '../../../bench/scenarios/score';
import type { Truth } from '../../../bench/scenarios/types';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 2, 12, 8);

function truthOf(overrides: Partial<Truth> = {}): Truth {
  return {
    seed: 'score',
    kind: 'bad-deploy',
    badDeployId: 'dpl-bad',
    incidentStart: T0 + 60 * MINUTE,
    incidentEnd: null,
    service: 'checkout',
    summary: 'checkout deploy dpl-bad breaks it',
    distractorDeployIds: [],
    changes: [
      {
        service: 'search',
        change: 'transient-burst',
        templates: ['timeout'],
        start: T0 + 20 * MINUTE,
        end: T0 + 21 * MINUTE,
        deployId: null,
      },
      {
        service: 'cart',
        change: 'harmless-template',
        templates: ['flags loaded'],
        start: T0 + 35 * MINUTE,
        end: T0 + 90 * MINUTE,
        deployId: 'dpl-cart',
      },
    ],
    timeline: { start: T0, end: T0 + 90 * MINUTE },
    ...overrides,
  };
}

function suspect(deployId: string, confidence: number): Suspect {
  return {
    deployId,
    service: deployId.slice(4),
    timestamp: T0,
    confidence,
    blamed: confidence >= 0.5,
    lagMs: null,
    evidence: [],
    factors: {},
  };
}

function anomaly(service: string, firstSeen: number): Anomaly {
  return {
    id: `${service}-${firstSeen}`,
    service,
    kind: 'new',
    templateId: 't',
    template: 'boom',
    error: true,
    firstSeen,
    lastSeen: firstSeen,
    active: true,
    countBefore: 0,
    countAfter: 5,
    expected: 0,
    observed: 5,
    buckets: 3,
    surprise: 20,
    score: 0.9,
    sample: 'boom',
  };
}

function incident(start: number, anomalies: Anomaly[], suspects: Suspect[]): Incident {
  const services = [...new Set(anomalies.map((a) => a.service))];
  return {
    id: `inc-${start}`,
    start,
    end: start + MINUTE,
    services,
    severity: 'high',
    score: 0.9,
    anomalies,
    suspects,
    unexplained: 0.1,
    unexplainedEvidence: [],
  };
}

const resultOf = (...incidents: Incident[]): AnalysisResult => ({
  incidents,
  stats: { lines: 1, services: 1, templates: 1, skipped: 0, late: 0 },
});

describe('matchIncident', () => {
  it('takes the incident holding an anomaly of the failing service near the truth start, even if noise started it earlier', () => {
    const truth = truthOf();
    const chained = incident(
      truth.incidentStart - 12 * MINUTE,
      [anomaly('other', truth.incidentStart - 12 * MINUTE), anomaly('checkout', truth.incidentStart + 20_000)],
      [],
    );
    const nearby = incident(truth.incidentStart + 4 * MINUTE, [anomaly('other', truth.incidentStart + 4 * MINUTE)], []);

    expect(matchIncident(resultOf(chained, nearby), truth)).toBe(chained);
  });

  it('falls back to an incident whose onset is in the window, and finds none far away', () => {
    const truth = truthOf();
    const nearby = incident(truth.incidentStart + 4 * MINUTE, [anomaly('other', truth.incidentStart + 4 * MINUTE)], []);
    const far = incident(
      truth.incidentStart + 30 * MINUTE,
      [anomaly('checkout', truth.incidentStart + 30 * MINUTE)],
      [],
    );

    expect(matchIncident(resultOf(nearby, far), truth)).toBe(nearby);
    expect(matchIncident(resultOf(far), truth)).toBeUndefined();
  });
});

describe('scoreScenario', () => {
  it('counts the bad deploy ranked first and blamed as a hit', () => {
    const truth = truthOf();
    const found = incident(
      truth.incidentStart,
      [anomaly('checkout', truth.incidentStart)],
      [suspect('dpl-bad', 0.9), suspect('dpl-cart', 0.05)],
    );

    const score = scoreScenario(resultOf(found), truth);

    expect(score).toMatchObject({ rank: 1, top1: true, top3: true, blamedBad: true, noDeployBlamed: 0 });
    expect(score.blames).toEqual([
      expect.objectContaining({ deployId: 'dpl-bad', correct: true, incidentClass: 'incident' }),
    ]);
    expect(isFailure(score)).toBe(false);
  });

  it('classifies wrong blames by what really happened: a transient burst, a harmless change (even during the incident), nothing', () => {
    const truth = truthOf();
    const found = incident(
      truth.incidentStart,
      [anomaly('checkout', truth.incidentStart)],
      [suspect('dpl-cart', 0.6), suspect('dpl-bad', 0.3)],
    );
    const burst = incident(T0 + 20 * MINUTE, [anomaly('search', T0 + 20 * MINUTE)], [suspect('dpl-search', 0.7)]);
    const harmless = incident(T0 + 35 * MINUTE, [anomaly('cart', T0 + 35 * MINUTE)], [suspect('dpl-cart', 0.8)]);
    const nothing = incident(T0 + 5 * MINUTE, [anomaly('search', T0 + 5 * MINUTE)], [suspect('dpl-search', 0.55)]);
    const laterHarmless = incident(T0 + 75 * MINUTE, [anomaly('cart', T0 + 75 * MINUTE)], [suspect('dpl-cart', 0.9)]);
    const withLater = {
      ...truth,
      changes: [...truth.changes, { ...truth.changes[1], start: T0 + 74 * MINUTE } as Truth['changes'][number]],
    };

    const score = scoreScenario(resultOf(nothing, burst, harmless, found), truth);
    const later = scoreScenario(resultOf(found, laterHarmless), withLater);

    expect(score).toMatchObject({
      rank: 2,
      top1: false,
      top3: true,
      blamedBad: false,
      noDeployIncidents: 1,
      noDeployBlamed: 1,
    });
    expect(score.blames.map((blame) => [blame.deployId, blame.incidentClass, blame.correct])).toEqual([
      ['dpl-search', 'spurious', false],
      ['dpl-search', 'transient', false],
      ['dpl-cart', 'harmless', false],
      ['dpl-cart', 'incident', false],
    ]);
    expect(later.blames.map((blame) => blame.incidentClass)).toEqual(['incident', 'harmless']);
    expect(isFailure(score)).toBe(true);
  });

  it('counts any blame on a no-deploy incident as a false blame', () => {
    const truth = truthOf({ kind: 'no-deploy', badDeployId: null, changes: [] });
    const found = incident(truth.incidentStart, [anomaly('checkout', truth.incidentStart)], [suspect('dpl-cart', 0.7)]);

    const score = scoreScenario(resultOf(found), truth);

    expect(score).toMatchObject({ rank: null, noDeployIncidents: 1, noDeployBlamed: 1 });
    expect(isFailure(score)).toBe(true);
  });
});

describe('summarise', () => {
  it('computes AC@1, AC@3, blame precision and recall over scenarios', () => {
    const truth = truthOf();
    const first = scoreScenario(
      resultOf(incident(truth.incidentStart, [anomaly('checkout', truth.incidentStart)], [suspect('dpl-bad', 0.9)])),
      truth,
    );
    const second = scoreScenario(
      resultOf(
        incident(
          truth.incidentStart,
          [anomaly('checkout', truth.incidentStart)],
          [suspect('dpl-x', 0.6), suspect('dpl-y', 0.2), suspect('dpl-bad', 0.1)],
        ),
      ),
      truth,
    );
    const missed = scoreScenario(resultOf(), truth);

    const summary = summarise([first, second, missed]);

    expect(summary).toMatchObject({ scenarios: 3, withDeploy: 3, found: 2, blames: 2, correctBlames: 1 });
    expect(summary.ac1).toBeCloseTo(1 / 3);
    expect(summary.ac3).toBeCloseTo(2 / 3);
    expect(summary.blamePrecision).toBeCloseTo(1 / 2);
    expect(summary.blameRecall).toBeCloseTo(1 / 3);
  });
});
