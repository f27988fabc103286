/**
 * `Analyzer.templateSeries`: lines per bucket of one template, read back from the detector's bounded history,
 * for the HTML report's real per-template rates. Streams are real loghub-2k lines (see support/synthetic-stream).
 */
import { Analyzer } from '../../../lambdas/core/analysis';
import { TemplateMiner } from '../../../lambdas/core/drain';
import { parseLogLine } from '../../../lambdas/core/log-line';
import type { LogEvent } from '../../../lambdas/core/schemas';
import { at, buildStream, loghubLines, MINUTE, T0 } from './support/synthetic-stream';

const MINUTES = 8;

const events = buildStream({
  seed: 7,
  minutes: MINUTES,
  services: [
    { name: 'storage', lines: loghubLines('HDFS'), rate: 3 },
    { name: 'coordinator', lines: loghubLines('Zookeeper'), rate: 2 },
  ],
});

/**
 * What was pushed, counted independently of the analyzer: the same lines mined by a miner of its own (same
 * default options, same order), lines per minute for every template stream (merged templates count as their
 * survivor's), over the stream's minutes.
 */
function pushedPerMinute(service: string): Map<string, number[]> {
  const miner = new TemplateMiner();
  const ids: string[] = [];
  const own = events.filter((e) => e.service === service);
  for (const e of own) ids.push(miner.mine(parseLogLine(e.message).message).templateId);
  const out = new Map<string, number[]>();
  own.forEach((e, i) => {
    const id = ids[i] ?? '';
    if (id === '') return;
    const survivor = miner.resolve(id);
    const counts = out.get(survivor) ?? new Array<number>(MINUTES).fill(0);
    const minute = Math.floor((e.timestamp - T0) / MINUTE);
    counts[minute] = (counts[minute] ?? 0) + 1;
    out.set(survivor, counts);
  });
  return out;
}

function analyse(stream: readonly LogEvent[], historyBuckets?: number): Analyzer {
  const analyzer = new Analyzer(historyBuckets === undefined ? {} : { detect: { historyBuckets } });
  for (const e of stream) analyzer.push(e);
  return analyzer;
}

describe('Analyzer.templateSeries', () => {
  it('gives, bucket by bucket, exactly the lines pushed for each template of each service', () => {
    // Prepare
    const analyzer = analyse(events);
    // Close the last minute: only closed buckets are in the history.
    analyzer.advanceTo(at(MINUTES));

    for (const service of ['storage', 'coordinator']) {
      const expected = pushedPerMinute(service);
      expect(expected.size).toBeGreaterThan(3);
      for (const [templateId, counts] of expected) {
        // Act
        const series = analyzer.templateSeries(service, templateId, T0, at(MINUTES));

        // Assess
        expect({ templateId, series }).toEqual({ templateId, series: { start: T0, bucketMs: MINUTE, counts } });
      }
    }
  });

  it('sums every template over a bucket to the lines the service printed in it', () => {
    // Prepare
    const analyzer = analyse(events);
    analyzer.advanceTo(at(MINUTES));
    const expected = pushedPerMinute('storage');

    // Act
    const totals = new Array<number>(MINUTES).fill(0);
    for (const templateId of expected.keys()) {
      analyzer.templateSeries('storage', templateId, T0, at(MINUTES))?.counts.forEach((c, i) => {
        totals[i] = (totals[i] ?? 0) + c;
      });
    }

    // Assess
    const printed = Array.from(
      { length: MINUTES },
      (_, m) => events.filter((e) => e.service === 'storage' && e.timestamp >= at(m) && e.timestamp < at(m + 1)).length,
    );
    expect(totals).toEqual(printed);
  });

  it('ends before the bucket still open, whose lines are not counted yet', () => {
    // Prepare: no advanceTo, so the last minute is still open.
    const analyzer = analyse(events);
    const [templateId, counts] = [...pushedPerMinute('storage')][0] ?? ['', []];

    // Act
    const series = analyzer.templateSeries('storage', templateId, T0, at(MINUTES));

    // Assess
    expect(series).toEqual({ start: T0, bucketMs: MINUTE, counts: counts.slice(0, MINUTES - 1) });
  });

  it('starts at the oldest bucket the bounded history still holds', () => {
    // Prepare: a history of three buckets.
    const analyzer = analyse(events, 3);
    analyzer.advanceTo(at(MINUTES));
    const [templateId, counts] = [...pushedPerMinute('coordinator')][0] ?? ['', []];

    // Act
    const series = analyzer.templateSeries('coordinator', templateId, T0, at(MINUTES));

    // Assess
    expect(series).toEqual({ start: at(MINUTES - 3), bucketMs: MINUTE, counts: counts.slice(MINUTES - 3) });
  });

  it('has no series for an unknown service, or a range wholly before the history', () => {
    // Prepare
    const analyzer = analyse(events, 3);
    analyzer.advanceTo(at(MINUTES));
    const [templateId] = [...pushedPerMinute('storage').keys()];

    // Act / Assess
    expect(analyzer.templateSeries('billing', templateId ?? '', T0, at(MINUTES))).toBeUndefined();
    expect(analyzer.templateSeries('storage', templateId ?? '', T0, at(2))).toBeUndefined();
  });
});
