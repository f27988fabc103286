import { type Scenario, generateScenario, planScenario } from '../../../bench/scenarios/scenario';
import { INCIDENT_KINDS, type IncidentKind, type ScenarioEvent } from '../../../bench/scenarios/types';

const MINUTE = 60_000;
const SHORT = { durationMinutes: 60, rate: { min: 2, max: 5 } } as const;

interface Generated {
  readonly scenario: Scenario;
  readonly events: readonly ScenarioEvent[];
}

const generated = new Map<IncidentKind, Generated>();
function scenarioOf(kind: IncidentKind): Generated {
  let found = generated.get(kind);
  if (found === undefined) {
    const scenario = generateScenario({ seed: 'unit-1', kind, ...SHORT });
    found = { scenario, events: [...scenario.events()] };
    generated.set(kind, found);
  }
  return found;
}

const deployOf = (scenario: Scenario, id: string | null | undefined) =>
  scenario.deploys.find((deploy) => deploy.id === id);

/** Template ids an effect added to `service` from `start` on. */
function addedTemplates(scenario: Scenario, service: string, start: number): string[] {
  return scenario.spec.effects.flatMap((effect) =>
    effect.type === 'add' && effect.service === service && effect.start === start ? [effect.template.id] : [],
  );
}

const linesOf = (events: readonly ScenarioEvent[], templates: readonly string[], service: string) =>
  events.filter((event) => event.service === service && templates.includes(event.templateId));

describe('generateScenario', () => {
  it('is deterministic: the same seed gives the same plan and the same events', () => {
    const a = generateScenario({ seed: 'same', kind: 'cascade', ...SHORT });
    const b = generateScenario({ seed: 'same', kind: 'cascade', ...SHORT });
    const first = (scenario: Scenario) => {
      const out: ScenarioEvent[] = [];
      for (const event of scenario.events()) if (out.push(event) >= 2000) break;
      return out;
    };

    expect(b.spec).toEqual(a.spec);
    expect(first(b)).toEqual(first(a));
    expect(first(a)).toEqual(first(a));
    expect(planScenario({ seed: 'other', kind: 'cascade', ...SHORT }).deploys).not.toEqual(a.spec.deploys);
  });

  // Not for clock-skew (a skewed clock stamps events outside the timeline), surge (load raises the rate) and
  // structured (START/END/REPORT lines add to the rate): their own tests below cover them.
  it.each(INCIDENT_KINDS.filter((kind) => !['clock-skew', 'surge', 'structured'].includes(kind)))(
    'makes a consistent %s scenario: time-ordered events, 3–6 services, both streaming formats',
    (kind) => {
      const { scenario, events } = scenarioOf(kind);
      const { start, end } = scenario.spec.timeline;
      const services = scenario.spec.services.map((service) => service.name);

      expect(services.length).toBeGreaterThanOrEqual(3);
      expect(services.length).toBeLessThanOrEqual(6);
      expect(scenario.spec.services.map((service) => service.format)).toEqual(
        expect.arrayContaining(['text', 'jsonl']),
      );
      expect(events.every((event, i) => i === 0 || (events[i - 1] as ScenarioEvent).timestamp <= event.timestamp)).toBe(
        true,
      );
      expect(events.every((event) => event.timestamp >= start && event.timestamp < end)).toBe(true);
      expect(
        scenario.deploys.every((deploy, i) => i === 0 || (scenario.deploys[i - 1]?.timestamp ?? 0) <= deploy.timestamp),
      ).toBe(true);
      expect(scenario.deploys.every((deploy) => services.includes(deploy.service))).toBe(true);
      for (const service of scenario.spec.services) {
        const perSecond = events.filter((event) => event.service === service.name).length / ((end - start) / 1000);
        expect(perSecond / service.baseRate).toBeGreaterThan(0.5);
        expect(perSecond / service.baseRate).toBeLessThan(1.8);
      }
    },
  );

  // Not for the kinds whose truth says otherwise: no bad deploy (rewording, surge), the bad deploy in another
  // service (cross-service), errors stamped by a skewed clock (clock-skew).
  it.each(
    INCIDENT_KINDS.filter((kind) => !['no-deploy', 'rewording', 'surge', 'cross-service', 'clock-skew'].includes(kind)),
  )('blames a deploy of the failing service before the %s incident', (kind) => {
    const { scenario } = scenarioOf(kind);
    const bad = deployOf(scenario, scenario.truth.badDeployId);

    expect(bad?.service).toBe(scenario.truth.service);
    expect(bad?.timestamp).toBeLessThanOrEqual(scenario.truth.incidentStart);
  });

  it.each(['bad-deploy', 'good-then-bad', 'cascade', 'slow-onset', 'no-deploy', 'rollback'] as const)(
    'prints the new error templates of the %s incident only from its start',
    (kind) => {
      const { scenario, events } = scenarioOf(kind);
      const { service, incidentStart } = scenario.truth;
      const templates = addedTemplates(scenario, service, incidentStart);
      const lines = linesOf(events, templates, service);

      expect(templates.length).toBeGreaterThan(0);
      expect(lines.length).toBeGreaterThan(20);
      expect(lines.every((event) => event.timestamp >= incidentStart)).toBe(true);
    },
  );

  it('starts bad-deploy errors 30–120 s after the deploy', () => {
    const { scenario } = scenarioOf('bad-deploy');
    const lag = scenario.truth.incidentStart - (deployOf(scenario, scenario.truth.badDeployId)?.timestamp ?? 0);

    expect(lag).toBeGreaterThanOrEqual(30_000);
    expect(lag).toBeLessThanOrEqual(120_000);
  });

  it('deploys the same service earlier, without trouble, in good-then-bad', () => {
    const { scenario } = scenarioOf('good-then-bad');
    const good = deployOf(scenario, scenario.truth.earlierGoodDeployId);
    const bad = deployOf(scenario, scenario.truth.badDeployId);

    expect(good?.service).toBe(bad?.service);
    expect((bad?.timestamp ?? 0) - (good?.timestamp ?? 0)).toBeGreaterThanOrEqual(10 * MINUTE);
  });

  it('makes the downstream service of a cascade deploy, then fail calling the upstream one', () => {
    const { scenario, events } = scenarioOf('cascade');
    const { downstream, service: upstream, incidentStart } = scenario.truth;
    const ownDeploy = deployOf(scenario, downstream?.deployId);
    const errors = linesOf(
      events,
      addedTemplates(scenario, downstream?.service ?? '', downstream?.errorStart ?? 0),
      downstream?.service ?? '',
    );

    expect(ownDeploy?.service).toBe(downstream?.service);
    expect(ownDeploy?.timestamp).toBeGreaterThan(incidentStart);
    expect(ownDeploy?.timestamp).toBeLessThan(downstream?.errorStart ?? 0);
    expect(errors.length).toBeGreaterThan(5);
    expect(
      errors.every((event) => event.message.includes(upstream) && event.timestamp >= (downstream?.errorStart ?? 0)),
    ).toBe(true);
  });

  it('raises an existing rare template at least tenfold in a spike', () => {
    const { scenario, events } = scenarioOf('spike');
    const { service, incidentStart, timeline } = scenario.truth;
    const effect = scenario.spec.effects.find((candidate) => candidate.type === 'scale');
    const lines = linesOf(events, [effect?.template.id ?? ''], service);
    const rate = (from: number, to: number) =>
      lines.filter((event) => event.timestamp >= from && event.timestamp < to).length / (to - from);

    expect(effect?.type === 'scale' && effect.factor).toBeGreaterThanOrEqual(10);
    expect(rate(incidentStart, timeline.end) / rate(timeline.start, incidentStart)).toBeGreaterThan(6);
  });

  it('silences a frequent template in a drop', () => {
    const { scenario, events } = scenarioOf('drop');
    const { service, incidentStart } = scenario.truth;
    const effect = scenario.spec.effects.find((candidate) => candidate.type === 'scale');
    const lines = linesOf(events, [effect?.template.id ?? ''], service);

    expect(lines.filter((event) => event.timestamp < incidentStart).length).toBeGreaterThan(100);
    expect(lines.filter((event) => event.timestamp >= incidentStart)).toEqual([]);
  });

  it('starts slow-onset errors 8–15 min after the deploy, another service deploying in between', () => {
    const { scenario } = scenarioOf('slow-onset');
    const bad = deployOf(scenario, scenario.truth.badDeployId);
    const other = deployOf(scenario, scenario.truth.distractorDeployIds[0]);
    const lag = scenario.truth.incidentStart - (bad?.timestamp ?? 0);

    expect(lag).toBeGreaterThanOrEqual(8 * MINUTE);
    expect(lag).toBeLessThanOrEqual(15 * MINUTE);
    expect(other?.service).not.toBe(bad?.service);
    expect(other?.timestamp).toBeGreaterThan(bad?.timestamp ?? 0);
    expect(other?.timestamp).toBeLessThan(scenario.truth.incidentStart);
  });

  it('gives the failing service of a no-deploy incident no deploy in the 2 h before, and others deploys 5–30 min before', () => {
    const { scenario } = scenarioOf('no-deploy');
    const { service, incidentStart } = scenario.truth;
    const before = scenario.deploys.filter(
      (deploy) => deploy.timestamp <= incidentStart && deploy.timestamp >= incidentStart - 120 * MINUTE,
    );
    const near = before.filter(
      (deploy) =>
        deploy.timestamp >= incidentStart - 30 * MINUTE - 1 && deploy.timestamp <= incidentStart - 5 * MINUTE + 1,
    );

    expect(scenario.truth.badDeployId).toBeNull();
    expect(before.filter((deploy) => deploy.service === service)).toEqual([]);
    expect(near.length).toBeGreaterThanOrEqual(1);
  });

  it('ends the errors of a rollback scenario shortly after a deploy back to the previous version', () => {
    const { scenario, events } = scenarioOf('rollback');
    const { service, incidentStart, incidentEnd } = scenario.truth;
    const bad = deployOf(scenario, scenario.truth.badDeployId);
    const back = deployOf(scenario, scenario.truth.rollbackDeployId);
    const semver = (version: string | undefined) => (version ?? '').slice(1).split('.').map(Number);
    const older = (a: number[], b: number[]) =>
      a.findIndex((part, i) => part !== b[i]) !== -1 &&
      (a.find((part, i) => part !== b[i]) ?? 0) < (b[a.findIndex((part, i) => part !== b[i])] ?? 0);
    const errors = linesOf(events, addedTemplates(scenario, service, incidentStart), service);

    expect(back?.service).toBe(service);
    expect(back?.timestamp).toBeGreaterThan(incidentStart);
    expect(back?.description).toMatch(/^Roll back to v/);
    expect(older(semver(back?.version), semver(bad?.version))).toBe(true);
    expect(incidentEnd).toBeGreaterThan(back?.timestamp ?? 0);
    expect(errors.every((event) => event.timestamp < (incidentEnd ?? 0))).toBe(true);
  });

  it.each([...INCIDENT_KINDS])(
    'puts no deploy of the same service in the 10 min before a transient burst (%s)',
    (kind) => {
      const { scenario } = scenarioOf(kind);
      const bursts = scenario.truth.changes.filter((change) => change.change === 'transient-burst');

      for (const burst of bursts) {
        const behind = scenario.deploys.filter(
          (deploy) =>
            deploy.service === burst.service &&
            deploy.timestamp <= burst.start &&
            deploy.timestamp > burst.start - 10 * MINUTE,
        );
        expect(behind).toEqual([]);
        expect(burst.end - burst.start).toBeGreaterThanOrEqual(30_000);
        expect(burst.end - burst.start).toBeLessThanOrEqual(90_000);
      }
    },
  );
});

describe('production scenario kinds', () => {
  it('keeps the events of a clock-skewed scenario in time order', () => {
    const { scenario, events } = scenarioOf('clock-skew');

    expect(scenario.spec.services.some((service) => (service.clockSkewMs ?? 0) !== 0)).toBe(true);
    expect(events.every((event, i) => i === 0 || (events[i - 1] as ScenarioEvent).timestamp <= event.timestamp)).toBe(
      true,
    );
  });

  it('puts the bad deploy of a cross-service scenario in a service other than the failing caller', () => {
    const { scenario } = scenarioOf('cross-service');

    expect(deployOf(scenario, scenario.truth.badDeployId)?.service).not.toBe(scenario.truth.service);
  });
});
