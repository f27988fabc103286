/**
 * A fixed, small evaluation: one short scenario per incident kind through the real analysis core.
 * It guards the ranking: every bad deploy must be ranked first, no incident without a deploy behind
 * it (the `no-deploy`, `rewording` and `surge` kinds, transient bursts) may blame one, and a behaviour
 * change is ranked but not blamed. `npx tsx bench/eval.ts` runs the full evaluation.
 */
import { INCIDENT_KINDS } from '../../bench/scenarios';
import { describeFailure } from '../../bench/scenarios/eval-report';
import { type ScenarioRun, evaluateScenario } from '../../bench/scenarios/evaluate-scenario';

const SUBSET = {
  minutes: 45,
  rate: { min: 2, max: 5 },
  services: { min: 3, max: 3 },
  bursts: { min: 1, max: 1 },
} as const;

/** Kinds whose truth has no bad deploy: nothing may be blamed for their incident. */
const WITHOUT_BAD_DEPLOY = ['no-deploy', 'rewording', 'surge'] as const;

describe('the evaluation subset (one short scenario per incident kind)', () => {
  const runs = new Map<string, ScenarioRun>();

  beforeAll(async () => {
    for (const kind of INCIDENT_KINDS) {
      runs.set(
        kind,
        await evaluateScenario({
          seed: 'subset-1',
          kind,
          durationMinutes: SUBSET.minutes,
          rate: SUBSET.rate,
          services: SUBSET.services,
          bursts: SUBSET.bursts,
        }),
      );
    }
  }, 600_000);

  const withBadDeploy = INCIDENT_KINDS.filter((kind) => !(WITHOUT_BAD_DEPLOY as readonly string[]).includes(kind));

  it.each(withBadDeploy)('ranks the bad deploy first in the %s scenario', (kind) => {
    const run = runs.get(kind) as ScenarioRun;

    const why = describeFailure(run).join('\n');

    expect({ rank: run.score.rank, why }).toEqual({ rank: 1, why });
  });

  it.each([...INCIDENT_KINDS])('blames no deploy for an incident no deploy caused in the %s scenario', (kind) => {
    const run = runs.get(kind) as ScenarioRun;

    const wrong = run.score.blames.filter(
      (blame) =>
        blame.incidentClass === 'transient' ||
        ((WITHOUT_BAD_DEPLOY as readonly string[]).includes(kind) && blame.incidentClass === 'incident'),
    );

    expect(wrong).toEqual([]);
  });

  it('finds the incident of the no-deploy scenario', () => {
    const run = runs.get('no-deploy') as ScenarioRun;

    expect(run.score.matched?.services).toContain(run.scenario.truth.service);
  });

  it('reports the rewording scenario as log changes, not as an incident', () => {
    const run = runs.get('rewording') as ScenarioRun;

    expect(run.score.rewordings.reported).toBe(run.score.rewordings.expected);
    expect(run.score.matched).toBeUndefined();
  });

  it('ranks a behaviour change first in a low-severity incident without blaming it', () => {
    const run = runs.get('behaviour-change') as ScenarioRun;

    expect(run.score.matched?.nature).toBe('behaviour-change');
    expect(run.score.matched?.severity).toBe('low');
    expect(run.score.matched?.suspects[0]?.blamed).toBe(false);
  });

  it('blames the quiet deployed service through its failing caller in the cross-service scenario', () => {
    const run = runs.get('cross-service') as ScenarioRun;

    const top = run.score.matched?.suspects[0];

    expect(top?.deployId).toBe(run.scenario.truth.badDeployId);
    expect(top?.evidence.join(' ')).toMatch(/through the dependency/);
  });
});
