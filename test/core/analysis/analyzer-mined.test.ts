/**
 * `Analyzer.pushMined`: lines mined elsewhere (as `culprit analyze`'s worker threads mine them) give exactly what
 * `push` gives, merges and empty lines included. Streams are real loghub-2k lines (see support/synthetic-stream).
 */
import { Analyzer, type TemplateAlias } from '../../../lambdas/core/analysis';
import { TemplateMiner } from '../../../lambdas/core/drain';
import { InvalidInputError } from '../../../lambdas/core/errors';
import { parseLogLine } from '../../../lambdas/core/log-line';
import type { LogEvent } from '../../../lambdas/core/schemas';
import { at, buildStream, deployAt, loghubLines } from './support/synthetic-stream';

const events: LogEvent[] = buildStream({
  seed: 17,
  minutes: 45,
  services: [
    { name: 'storage', lines: loghubLines('HDFS', (l) => !/exception/i.test(l)), rate: 3 },
    { name: 'gateway', lines: loghubLines('Apache'), rate: 2 },
    { name: 'kernel', lines: loghubLines('BGL'), rate: 2 },
  ],
  effects: [
    { service: 'storage', from: at(31), to: at(45), add: loghubLines('HDFS', (l) => /exception/i.test(l)), rate: 0.4 },
  ],
});
// A line that is all header: nothing is left to mine.
events.splice(100, 0, {
  timestamp: events[100]?.timestamp ?? 0,
  service: 'gateway',
  message: '2024-03-01T09:00:00Z INFO',
});
const deploys = [deployAt('storage-bad', 'storage', 30), deployAt('gateway-ok', 'gateway', 20)];

/** Mines every line with one miner per service, as a worker would, and feeds the analyzer the results. */
function feedMined(analyzer: Analyzer): { merges: number } {
  const miners = new Map<string, TemplateMiner>();
  let merges = 0;
  for (const event of events) {
    const parsed = parseLogLine(event.message);
    let miner = miners.get(event.service);
    if (miner === undefined) {
      miner = new TemplateMiner(analyzer.options.miner);
      miners.set(event.service, miner);
    }
    const mined = miner.mine(parsed.message);
    if (mined.templateId === '') {
      analyzer.skipMined(event.service);
      continue;
    }
    if (mined.merged.length > 0) {
      const added = mined.merged.map(({ from, into }): TemplateAlias => [from, into]);
      merges += added.length;
      analyzer.mergeMined(event.service, added);
    }
    analyzer.pushMined(
      event.timestamp,
      event.service,
      mined.templateId,
      mined.template,
      mined.change !== 'none',
      parsed.level,
      event.message,
    );
  }
  return { merges };
}

describe('Analyzer.pushMined', () => {
  it('gives the same incidents, anomalies, stats and template series as pushing the raw lines', () => {
    // Prepare
    const pushed = new Analyzer();
    for (const event of events) pushed.push(event);
    const mined = new Analyzer();

    // Act
    const { merges } = feedMined(mined);

    // Assess
    const expected = pushed.result(deploys);
    expect(mined.result(deploys)).toEqual(expected);
    expect(expected.stats.skipped).toBeGreaterThan(0);
    expect(merges).toBeGreaterThan(0);
    const anomalies = pushed.anomalies();
    expect(anomalies.length).toBeGreaterThan(0);
    for (const a of anomalies) {
      expect(mined.templateSeries(a.service, a.templateId, at(0), at(45))).toEqual(
        pushed.templateSeries(a.service, a.templateId, at(0), at(45)),
      );
    }
  });

  it('refuses a service fed both raw and mined lines', () => {
    // Prepare
    const analyzer = new Analyzer();
    const [first] = events;
    analyzer.push(first as LogEvent);

    // Act
    const mixed = (): void =>
      analyzer.pushMined(at(1), (first as LogEvent).service, 'abc', 'a <*>', true, undefined, 'a b');

    // Assess
    expect(mixed).toThrow(InvalidInputError);
  });
});
