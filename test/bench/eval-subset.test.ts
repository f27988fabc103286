/**
 * A fixed, small evaluation: one short scenario per incident kind through the real analysis core.
 * It guards the ranking: every bad deploy must be ranked first, and no incident without a deploy
 * behind it (the `no-deploy` kind, transient bursts) may blame one. `npx tsx bench/eval.ts` runs
 * the full evaluation.
 */
import { describeFailure } from '../../bench/scenarios/eval-report';
import { type ScenarioRun, evaluateScenario } from '../../bench/scenarios/evaluate-scenario';
import { INCIDENT_KINDS } from '../../bench/scenarios';

const SUBSET = {
  minutes: 45,
  rate: { min: 2, max: 5 },
  services: { min: 3, max: 3 },
  bursts: { min: 1, max: 1 },
} as const;

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
  });

  const withBadDeploy = INCIDENT_KINDS.filter((kind) => kind !== 'no-deploy');

  it.each(withBadDeploy)('ranks the bad deploy first in the %s scenario', (kind) => {
    const run = runs.get(kind) as ScenarioRun;

    const why = describeFailure(run).join('\n');

    expect({ rank: run.score.rank, why }).toEqual({ rank: 1, why });
  });

  it.each([...INCIDENT_KINDS])('blames no deploy for an incident no deploy caused in the %s scenario', (kind) => {
    const run = runs.get(kind) as ScenarioRun;

    const wrong = run.score.blames.filter(
      (blame) => blame.incidentClass === 'transient' || (kind === 'no-deploy' && blame.incidentClass === 'incident'),
    );

    expect(wrong).toEqual([]);
  });

  it('finds the incident of the no-deploy scenario', () => {
    const run = runs.get('no-deploy') as ScenarioRun;

    expect(run.score.matched?.services).toContain(run.scenario.truth.service);
  });
});
