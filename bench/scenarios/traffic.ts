/**
 * Turns a scenario spec into its log events, in time order, one simulated second at a time:
 * each service prints a Poisson number of lines around a slowly varying (diurnal-ish) rate,
 * drawn from its normal template mix, then the effects active in that second add, multiply or
 * silence templates. The stream is a pure function of the spec, so it can be replayed at will.
 */
import { loadDataset } from './loghub-dataset';
import { Random } from './random';
import { ServiceLines } from './service-lines';
import { asInvocation } from './structured-records';
import type { Effect, ScenarioEvent, ScenarioSpec, ServiceSpec } from './types';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

interface ServiceState {
  readonly spec: ServiceSpec;
  readonly lines: ServiceLines;
  readonly effects: readonly Effect[];
  readonly drops: readonly Extract<Effect, { type: 'scale' }>[];
  readonly loads: readonly Extract<Effect, { type: 'load' }>[];
  minute: number;
  jitter: number;
}

/** Load multiplier at `time`: each surge reached linearly over its ramp. */
function loadAt(state: ServiceState, time: number): number {
  let factor = 1;
  for (const load of state.loads) {
    if (time < load.start || time >= load.end) continue;
    const reached = load.ramp > 0 ? Math.min(1, (time - load.start) / load.ramp) : 1;
    factor *= 1 + (load.factor - 1) * reached;
  }
  return factor;
}

/** Lines per second of `state` at `time`: base rate with its drift, a slow wave, a per-minute wobble, any surge. */
function rateAt(state: ServiceState, time: number, start: number, end: number, random: Random): number {
  const minute = Math.floor(time / MINUTE);
  if (minute !== state.minute) {
    state.minute = minute;
    state.jitter = Math.exp(0.12 * random.normal());
  }
  const { baseRate, diurnalAmplitude, diurnalPhase } = state.spec;
  const wave = 1 + diurnalAmplitude * Math.sin((2 * Math.PI * (time - start)) / DAY + diurnalPhase);
  const drift = 1 + (state.spec.drift ?? 0) * ((time - start) / (end - start));
  return baseRate * drift * wave * state.jitter * loadAt(state, time);
}

function isDropped(state: ServiceState, templateId: string, time: number, random: Random): boolean {
  for (const drop of state.drops) {
    if (drop.template.id === templateId && time >= drop.start && time < drop.end && random.next() >= drop.factor) {
      return true;
    }
  }
  return false;
}

/** Options for replaying a scenario's events. */
export interface TrafficOptions {
  /** Where loghub-2k lives. @default defaultLoghubDir() */
  readonly dataDir?: string;
}

/**
 * The scenario's events in time order (ties keep generation order), as the services print them: structured
 * services wrap each line in a record inside an invocation, split-trace services print each stack line as an
 * event, and a service with a skewed clock stamps its events with its own time.
 */
export function* generateEvents(spec: ScenarioSpec, options: TrafficOptions = {}): Generator<ScenarioEvent> {
  const printed = asPrinted(spec, generateTrueEvents(spec, options));
  const skews = new Map(spec.services.map((service) => [service.name, service.clockSkewMs ?? 0]));
  yield* [...skews.values()].some((skew) => skew !== 0) ? withSkew(printed, skews) : printed;
}

function* asPrinted(spec: ScenarioSpec, events: Iterable<ScenarioEvent>): Generator<ScenarioEvent> {
  const random = new Random(`${spec.seed}:${spec.kind}:printed`);
  const specs = new Map(spec.services.map((service) => [service.name, service]));
  for (const event of events) {
    const service = specs.get(event.service) as ServiceSpec;
    if (service.records === undefined && service.splitTraces !== true) {
      yield event;
      continue;
    }
    const pieces = service.splitTraces === true ? splitTrace(event) : [event];
    for (const piece of pieces) {
      if (service.records === undefined) yield piece;
      else yield* asInvocation(service, piece, random);
    }
  }
}

/** A multi-line message as one event per line: the first keeps its level, frames carry none. */
function splitTrace(event: ScenarioEvent): ScenarioEvent[] {
  if (!event.message.includes('\n')) return [event];
  return event.message
    .split('\n')
    .map((message, index) =>
      index === 0
        ? { ...event, message }
        : { ...event, message, level: undefined, templateId: `${event.templateId}#${index}` },
    );
}

/**
 * Events with each service's clock skew applied, merged back into time order. A service's own events stay in
 * order under a constant skew, so a queue per service and a merge that waits out the largest skew suffice.
 */
function* withSkew(events: Iterable<ScenarioEvent>, skews: ReadonlyMap<string, number>): Generator<ScenarioEvent> {
  const wait = Math.max(...[...skews.values()].map(Math.abs)) + SECOND;
  const queues = new Map<string, { items: ScenarioEvent[]; head: number }>();
  for (const service of skews.keys()) queues.set(service, { items: [], head: 0 });
  function* release(until: number): Generator<ScenarioEvent> {
    for (;;) {
      let best: { items: ScenarioEvent[]; head: number } | undefined;
      for (const queue of queues.values()) {
        const next = queue.items[queue.head];
        if (
          next !== undefined &&
          next.timestamp <= until &&
          (best === undefined || next.timestamp < (best.items[best.head] as ScenarioEvent).timestamp)
        )
          best = queue;
      }
      if (best === undefined) return;
      yield best.items[best.head] as ScenarioEvent;
      best.head += 1;
      if (best.head > 4096) {
        best.items.splice(0, best.head);
        best.head = 0;
      }
    }
  }
  for (const event of events) {
    const queue = queues.get(event.service);
    if (queue === undefined) continue;
    queue.items.push({ ...event, timestamp: event.timestamp + (skews.get(event.service) ?? 0) });
    yield* release(event.timestamp - wait);
  }
  yield* release(Number.POSITIVE_INFINITY);
}

function* generateTrueEvents(spec: ScenarioSpec, options: TrafficOptions): Generator<ScenarioEvent> {
  const random = new Random(`${spec.seed}:${spec.kind}:traffic`);
  const states: ServiceState[] = spec.services.map((service) => {
    const effects = spec.effects.filter((effect) => effect.service === service.name);
    return {
      spec: service,
      lines: new ServiceLines(
        service,
        loadDataset(service.dataset, options.dataDir),
        new Random(`${spec.seed}:${spec.kind}:lines:${service.name}`),
      ),
      effects,
      drops: effects.filter(
        (effect): effect is Extract<Effect, { type: 'scale' }> => effect.type === 'scale' && effect.factor < 1,
      ),
      loads: effects.filter((effect): effect is Extract<Effect, { type: 'load' }> => effect.type === 'load'),
      minute: -1,
      jitter: 1,
    };
  });
  const { start, end } = spec.timeline;
  const batch: ScenarioEvent[] = [];
  for (let second = start; second < end; second += SECOND) {
    const secondEnd = Math.min(second + SECOND, end);
    batch.length = 0;
    for (const state of states) {
      const rate = rateAt(state, second, start, end, random);
      const count = random.poisson(rate * ((secondEnd - second) / SECOND));
      const service = state.spec.name;
      for (let i = 0; i < count; i += 1) {
        const timestamp = second + Math.floor(random.next() * (secondEnd - second));
        const template = state.lines.normal.pick(random);
        if (state.drops.length > 0 && isDropped(state, template.id, timestamp, random)) continue;
        const line = template.render(random);
        batch.push({ timestamp, service, message: line.message, level: line.level, templateId: template.id });
      }
      for (const effect of state.effects) {
        if (effect.type === 'load') continue;
        const from = Math.max(second, effect.start);
        const to = Math.min(secondEnd, effect.end);
        if (to <= from) continue;
        const template = state.lines.template(effect.template);
        const rampedIn = (time: number): number =>
          effect.type === 'add' && effect.ramp > 0
            ? Math.min(1, Math.max(0.02, (time - effect.start) / effect.ramp))
            : 1;
        const perSecond =
          effect.type === 'add'
            ? effect.rate * rampedIn((from + to) / 2)
            : Math.max(0, effect.factor - 1) * rate * (state.lines.share.get(effect.template.id) ?? 0);
        const extra = random.poisson((perSecond * (to - from)) / SECOND);
        for (let i = 0; i < extra; i += 1) {
          const line = template.render(random);
          const timestamp = from + Math.floor(random.next() * (to - from));
          batch.push({ timestamp, service, message: line.message, level: line.level, templateId: template.id });
        }
      }
    }
    batch.sort((a, b) => a.timestamp - b.timestamp);
    yield* batch;
  }
}
