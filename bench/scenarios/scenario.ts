/**
 * Generates one incident scenario, deterministically from a seed: 3–6 services (each playing one
 * loghub dataset), hours of traffic, benign deploys, transient bursts, and one incident of the given
 * kind, with the truth an evaluation scores against. The events are produced on demand, in time
 * order, so a scenario of millions of lines never sits in memory.
 */
import type { Deploy } from '../../lambdas/core/schemas';
import { placeBenignDeploys, placeTransientBursts } from './background';
import { DATASET_NAMES, type DatasetName, datasetProfile, formatLogTimestamp } from './dataset-profiles';
import { type Cast, planIncident } from './incident-kinds';
import { Random } from './random';
import { MINUTE, ScenarioBuilder, draftService } from './scenario-builder';
import { generateEvents } from './traffic';
import type { IncidentKind, ScenarioEvent, ScenarioSpec, Truth } from './types';

export interface ScenarioOptions {
  readonly seed: string | number;
  readonly kind: IncidentKind;
  /** Length of the timeline. @default 210 (3.5 h) */
  readonly durationMinutes?: number;
  /** How many services, drawn uniformly in [min, max]. @default { min: 3, max: 6 } */
  readonly services?: { readonly min: number; readonly max: number };
  /** Mean lines per second per service, drawn log-uniformly in [min, max]. @default { min: 2, max: 50 } */
  readonly rate?: { readonly min: number; readonly max: number };
  /** Datasets the services are drawn from. @default all ten loghub-2k datasets */
  readonly datasets?: readonly DatasetName[];
  /** Start of the timeline, epoch ms. @default a minute in March–April 2024 drawn from the seed */
  readonly start?: number;
  /** Transient error bursts, drawn uniformly in [min, max]. @default { min: 1, max: 3 } */
  readonly bursts?: { readonly min: number; readonly max: number };
  /** Most background benign deploys per service. @default 2 */
  readonly benignDeploysPerService?: number;
  /** Where loghub-2k lives. @default defaultLoghubDir() */
  readonly dataDir?: string;
}

/** Every default of `ScenarioOptions`, declared once. */
export const SCENARIO_DEFAULTS = {
  durationMinutes: 210,
  services: { min: 3, max: 6 },
  rate: { min: 2, max: 50 },
  datasets: DATASET_NAMES,
  bursts: { min: 1, max: 3 },
  benignDeploysPerService: 2,
} as const;

export interface Scenario {
  readonly spec: ScenarioSpec;
  readonly deploys: readonly Deploy[];
  readonly truth: Truth;
  /** The log events in time order; every call replays the same stream. */
  events(): Generator<ScenarioEvent>;
}

/** Assigns storage formats: about half `.log` files, some low-rate services as CloudWatch exports, the rest JSON Lines. */
function assignFormats(random: Random, builder: ScenarioBuilder): void {
  const services = builder.services;
  for (const [index, service] of services.entries()) {
    const format = service.baseRate <= 8 && random.chance(0.25) ? 'cloudwatch' : random.chance(0.5) ? 'text' : 'jsonl';
    services[index] = { ...service, format };
  }
  // Every scenario exercises both streaming readers.
  for (const needed of ['text', 'jsonl'] as const) {
    if (services.some((service) => service.format === needed)) continue;
    const candidates = services.filter(
      (service) => services.filter((other) => other.format === service.format).length > 1,
    );
    const target = random.pick(candidates.length > 0 ? candidates : services);
    services[services.indexOf(target)] = { ...target, format: needed };
  }
}

export function planScenario(options: ScenarioOptions): ScenarioSpec {
  const seed = String(options.seed);
  const random = new Random(`${seed}:${options.kind}:plan`);
  const durationMinutes = options.durationMinutes ?? SCENARIO_DEFAULTS.durationMinutes;
  const serviceRange = options.services ?? SCENARIO_DEFAULTS.services;
  const rate = options.rate ?? SCENARIO_DEFAULTS.rate;
  const datasets = options.datasets ?? SCENARIO_DEFAULTS.datasets;
  const bursts = options.bursts ?? SCENARIO_DEFAULTS.bursts;

  const start =
    options.start ?? Date.UTC(2024, 2, 4) + random.int(0, 40) * 24 * 60 * MINUTE + random.int(0, 24 * 60 - 1) * MINUTE;
  const end = start + durationMinutes * MINUTE;
  const count = Math.min(datasets.length, random.int(serviceRange.min, serviceRange.max));
  const services = random.sample(datasets, count).map((name) => draftService(random, name, rate, options.dataDir));
  const builder = new ScenarioBuilder(random, start, end, services);
  assignFormats(random, builder);

  const [failing, ...others] = random.shuffle(services.map((service) => service.name)) as [string, ...string[]];
  const cast: Cast = { failing, others };
  const plan = planIncident(options.kind, builder, cast);
  placeBenignDeploys(builder, plan.quiet, options.benignDeploysPerService ?? SCENARIO_DEFAULTS.benignDeploysPerService);
  placeTransientBursts(builder, random.int(bursts.min, bursts.max), {
    from: plan.incidentStart,
    to: plan.incidentEnd ?? end,
  });
  if (plan.production === true) addProductionConditions(builder);

  const deploys = builder.finishDeploys();
  const truth: Truth = {
    seed,
    kind: options.kind,
    badDeployId: plan.badDeployId,
    incidentStart: plan.incidentStart,
    incidentEnd: plan.incidentEnd,
    service: plan.service,
    summary: plan.summary,
    ...(plan.downstream === undefined ? {} : { downstream: plan.downstream }),
    ...(plan.rollbackDeployId === undefined ? {} : { rollbackDeployId: plan.rollbackDeployId }),
    ...(plan.earlierGoodDeployId === undefined ? {} : { earlierGoodDeployId: plan.earlierGoodDeployId }),
    ...(plan.expectBlame === undefined ? {} : { expectBlame: plan.expectBlame }),
    ...(plan.rewordings === undefined ? {} : { rewordings: plan.rewordings }),
    distractorDeployIds: plan.distractorDeployIds,
    changes: [...builder.changes].sort((a, b) => a.start - b.start),
    timeline: { start, end },
  };
  return {
    seed,
    kind: options.kind,
    timeline: { start, end },
    services: builder.services.map(({ data: _data, ...service }) => ({ ...service, heldOut: [...service.heldOut] })),
    deploys,
    effects: builder.effects,
    truth,
    ...(plan.dependsOn === undefined ? {} : { dependsOn: plan.dependsOn }),
  };
}

/**
 * Production conditions: every deploy restarts its service (rolling restart lines), and each service's
 * rate drifts by −40 % to +60 % over the timeline. Drawn from a stream of their own, so the plan above
 * is the same with or without them.
 */
function addProductionConditions(builder: ScenarioBuilder): void {
  const random = builder.random.fork('production');
  for (const service of builder.services)
    builder.updateService(service.name, { drift: Number(random.uniform(-0.4, 0.6).toFixed(2)) });
  for (const deploy of [...builder.plannedDeploys]) builder.restart(deploy);
}

/** Plans a scenario; its events are generated lazily by `events()`. */
export function generateScenario(options: ScenarioOptions): Scenario {
  const spec = planScenario(options);
  const trafficOptions = options.dataDir === undefined ? {} : { dataDir: options.dataDir };
  return {
    spec,
    deploys: spec.deploys,
    truth: spec.truth,
    events: () => asRead(spec, generateEvents(spec, trafficOptions)),
  };
}

/**
 * Events as `culprit analyze` reads them back from the scenario's files: a plain-text log keeps
 * the whole line, timestamp included, as the message (the analysis strips headers itself), so
 * analysing in memory and analysing the written files see the same text.
 */
function* asRead(spec: ScenarioSpec, events: Iterable<ScenarioEvent>): Generator<ScenarioEvent> {
  const textStyles = new Map(
    spec.services
      .filter((service) => service.format === 'text')
      .map((service) => [service.name, datasetProfile(service.dataset).timestampStyle]),
  );
  for (const event of events) {
    const style = textStyles.get(event.service);
    yield style === undefined
      ? event
      : { ...event, message: `${formatLogTimestamp(event.timestamp, style)} ${event.message}` };
  }
}
