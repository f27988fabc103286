import { Analyzer } from '../../../lambdas/core/analysis';
import { applyLogEvents, decodeState, encodeState, ServiceAnalysis } from '../../../lambdas/core/pipeline';
import { generateScenario } from '../../../bench/scenarios';

/** One service's lines from a generated incident scenario (loghub-2k lines; see its LICENSE). */
function serviceLines(): { service: string; lines: { id: string; timestamp: number; message: string }[] } {
  const scenario = generateScenario({
    seed: 'pipeline-lockstep',
    kind: 'bad-deploy',
    durationMinutes: 45,
    rate: { min: 3, max: 6 },
    services: { min: 3, max: 3 },
  });
  const events = [...scenario.events()];
  const service = scenario.truth.service;
  const lines = events
    .filter((e) => e.service === service)
    .map((e, index) => ({ id: String(index), timestamp: e.timestamp, message: e.message }));
  return { service, lines };
}

const { service, lines } = serviceLines();

describe('ServiceAnalysis', () => {
  it('finds exactly the anomalies and state the CLI analyzer finds for the same service', () => {
    const analyzer = new Analyzer();
    const analysis = new ServiceAnalysis(service);

    for (const line of lines) {
      analyzer.push({ timestamp: line.timestamp, service, message: line.message });
      analysis.push(line.timestamp, line.message);
    }
    const fromAnalysis = analysis.takeChanges();
    const fromAnalyzer = analyzer.takeChanges();

    expect(fromAnalyzer.length).toBeGreaterThan(0);
    expect(fromAnalysis).toEqual(fromAnalyzer);
    expect(analysis.toState()).toEqual(analyzer.toJSON());
  });

  it('gives the same anomalies when saved and restored between batches as when it never stopped', () => {
    const whole = new ServiceAnalysis(service);
    const wholeOutcome = applyLogEvents(whole, lines);

    const changes = [];
    let state = encodeState(new ServiceAnalysis(service).toState(), service);
    for (let offset = 0; offset < lines.length; offset += 700) {
      const restored = new ServiceAnalysis(service, {}, decodeState(state, service));
      changes.push(...applyLogEvents(restored, lines.slice(offset, offset + 700)).anomalies);
      state = encodeState(restored.toState(), service);
    }
    const latest = new Map(changes.map((a) => [a.id, a]));

    expect([...latest.values()].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      wholeOutcome.anomalies.sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('counts every line under the template it was mined into, per one-minute bucket', () => {
    const analysis = new ServiceAnalysis(service);

    const outcome = applyLogEvents(analysis, lines.slice(0, 500));
    const perBucket = outcome.counts
      .entries()
      .map(([start, templates]) => [start, [...templates.values()].reduce((a, b) => a + b, 0)]);
    const expected = new Map<number, number>();
    for (const line of lines.slice(0, 500))
      expected.set(
        Math.floor(line.timestamp / 60_000) * 60_000,
        (expected.get(Math.floor(line.timestamp / 60_000) * 60_000) ?? 0) + 1,
      );

    expect(outcome.counts.lines + outcome.skipped).toBe(500);
    expect(perBucket).toEqual([...expected.entries()]);
  });

  it('refuses a state that holds another service', () => {
    const state = new ServiceAnalysis('checkout').toState();

    expect(
      () => new ServiceAnalysis('payments', {}, { ...state, miners: { checkout: state.miners.checkout! } }),
    ).toThrow('state of service payments holds miners of other services: checkout');
  });
});
