import { applyLogEvents, ServiceAnalysis, toAnomalyMessage, type AnomalyMessage } from '../../../lambdas/core/pipeline';
import type { Deploy } from '../../../lambdas/core/schemas';
import { generateScenario } from '../../../bench/scenarios';

/** What ingest would send for a scenario, built with the same core in memory (no ingest, no counts table). */
export interface AnomalyStream {
  readonly messages: AnomalyMessage[];
  readonly deploys: readonly Deploy[];
  readonly services: string[];
  readonly timeline: { readonly start: number; readonly end: number };
}

const cache = new Map<string, AnomalyStream>();

/**
 * A short incident scenario (loghub-2k lines; see its LICENSE) cut into one-minute deliveries per service; each
 * delivery's anomaly changes become messages with the delivery's number as revision, as ingest's commits number them.
 */
export function anomalyStream(seed = 'rank-1'): AnomalyStream {
  const cached = cache.get(seed);
  if (cached !== undefined) return cached;
  const scenario = generateScenario({
    seed,
    kind: 'cascade',
    durationMinutes: 50,
    rate: { min: 1, max: 2 },
    services: { min: 3, max: 3 },
  });
  const events = [...scenario.events()];
  const services = [...new Set(events.map((e) => e.service))];
  const messages: AnomalyMessage[] = [];
  for (const service of services) {
    const analysis = new ServiceAnalysis(service);
    const own = events
      .filter((e) => e.service === service)
      .map((e, i) => ({ id: String(i), timestamp: e.timestamp, message: e.message }));
    let revision = 0;
    for (let from = 0; from < own.length; ) {
      const first = own[from]?.timestamp ?? 0;
      let to = from;
      while (to < own.length && (own[to]?.timestamp ?? 0) - first < 60_000) to++;
      revision += 1;
      for (const anomaly of applyLogEvents(analysis, own.slice(from, to)).anomalies)
        messages.push(toAnomalyMessage(anomaly, { logGroup: `/rank-test/${service}`, revision }));
      from = to;
    }
  }
  const stream = { messages, deploys: scenario.deploys, services, timeline: scenario.spec.timeline };
  cache.set(seed, stream);
  return stream;
}

/** A deterministic shuffle (a fixed linear congruential sequence), so a failing order can be replayed. */
export function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The first anomaly of `stream` strong enough to start an incident on its own, and a later revision of it that faded
 * (a two-line blip whose promised rate never came): too weak for any incident.
 */
export function fadingAnomaly(stream: AnomalyStream): {
  readonly strong: AnomalyMessage;
  readonly faded: AnomalyMessage;
} {
  const strong = stream.messages.find((m) => m.anomaly.score >= 0.35);
  if (strong === undefined) throw new Error('the stream has no anomaly strong enough to start an incident');
  return {
    strong,
    faded: { ...strong, revision: strong.revision + 1, anomaly: { ...strong.anomaly, score: 0.01, active: false } },
  };
}
