/**
 * Turns a scenario spec into its log events, in time order, one simulated second at a time:
 * each service prints a Poisson number of lines around a slowly varying (diurnal-ish) rate,
 * drawn from its normal template mix, then the effects active in that second add, multiply or
 * silence templates. The stream is a pure function of the spec, so it can be replayed at will.
 */
import { loadDataset } from './loghub-dataset';
import { Random } from './random';
import { ServiceLines } from './service-lines';
import type { Effect, ScenarioEvent, ScenarioSpec, ServiceSpec } from './types';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

interface ServiceState {
  readonly spec: ServiceSpec;
  readonly lines: ServiceLines;
  readonly effects: readonly Effect[];
  readonly drops: readonly Extract<Effect, { type: 'scale' }>[];
  minute: number;
  jitter: number;
}

/** Lines per second of `state` at `time`: base rate, a slow wave, and a per-minute wobble. */
function rateAt(state: ServiceState, time: number, start: number, random: Random): number {
  const minute = Math.floor(time / MINUTE);
  if (minute !== state.minute) {
    state.minute = minute;
    state.jitter = Math.exp(0.12 * random.normal());
  }
  const { baseRate, diurnalAmplitude, diurnalPhase } = state.spec;
  const wave = 1 + diurnalAmplitude * Math.sin((2 * Math.PI * (time - start)) / DAY + diurnalPhase);
  return baseRate * wave * state.jitter;
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

/** The scenario's events in time order (ties keep generation order). */
export function* generateEvents(spec: ScenarioSpec, options: TrafficOptions = {}): Generator<ScenarioEvent> {
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
      const rate = rateAt(state, second, start, random);
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
