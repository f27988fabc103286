import { Detector, type Anomaly } from '../../../lambdas/core/detect';
import { TemplateMiner } from '../../../lambdas/core/drain';
import { parseLogLine } from '../../../lambdas/core/log-line';
import type { LogEvent } from '../../../lambdas/core/schemas';
import { at, buildStream, loghubLines, MINUTE, type StreamSpec } from '../analysis/support/synthetic-stream';

/** Mines and feeds events the way the Analyzer does, so the detector sees real templates. */
function detect(
  events: readonly LogEvent[],
  detector = new Detector(),
  miners = new Map<string, TemplateMiner>(),
): Detector {
  for (const e of events) {
    let miner = miners.get(e.service);
    if (miner === undefined) {
      miner = new TemplateMiner();
      miners.set(e.service, miner);
    }
    const parsed = parseLogLine(e.message);
    const mined = miner.mine(parsed.message);
    detector.observe(
      e.timestamp,
      e.service,
      mined.templateId,
      mined.template,
      mined.change !== 'none',
      parsed.level,
      e.message,
    );
  }
  return detector;
}

const hdfsNormal = loghubLines('HDFS', (l) => !/exception/i.test(l));
const hdfsErrors = loghubLines('HDFS', (l) => /exception/i.test(l));
const zkInfo = loghubLines('Zookeeper', (l) => / INFO /.test(l));
const zkNotification = (l: string): boolean => /Notification time out/.test(l);

function storage(effects: StreamSpec['effects'] = []): StreamSpec {
  return { seed: 7, minutes: 40, services: [{ name: 'storage', lines: hdfsNormal, rate: 4 }], effects };
}

describe('Detector', () => {
  it('reports a template first seen after the learning period as new, with its counts and a sample line', () => {
    // Prepare
    const events = buildStream(storage([{ service: 'storage', from: at(20), to: at(40), add: hdfsErrors, rate: 0.3 }]));

    // Act
    const anomalies = detect(events).anomalies();

    // Assess
    const fresh = anomalies.filter((a) => a.kind === 'new');
    expect(fresh).toHaveLength(1);
    const a = fresh[0] as Anomaly;
    expect(a.template).toContain('exception while serving');
    expect(a.error).toBe(true);
    expect(a.firstSeen).toBeGreaterThanOrEqual(at(20));
    expect(a.firstSeen).toBeLessThan(at(21));
    expect(a.countBefore).toBe(0);
    expect(a.countAfter).toBeGreaterThan(100);
    expect(a.sample).toMatch(/Got exception while serving/);
    expect(a.score).toBeGreaterThan(0.9);
  });

  it('does not report templates that appeared during the learning period', () => {
    // Prepare
    const events = buildStream(storage([{ service: 'storage', from: at(2), to: at(40), add: hdfsErrors, rate: 0.3 }]));

    // Act
    const anomalies = detect(events).anomalies();

    // Assess
    expect(anomalies.filter((a) => /exception/.test(a.template))).toEqual([]);
    expect(anomalies.filter((a) => a.score >= 0.02)).toEqual([]);
  });

  it('reports a rare known template jumping tenfold as a spike, not as new', () => {
    // Prepare: "Notification time out" is about 1% of Zookeeper's INFO lines.
    const spec: StreamSpec = {
      seed: 11,
      minutes: 45,
      services: [{ name: 'coordinator', lines: zkInfo, rate: 5 }],
      effects: [{ service: 'coordinator', from: at(25), to: at(45), match: zkNotification, factor: 15 }],
    };

    // Act
    const anomalies = detect(buildStream(spec)).anomalies();

    // Assess
    const spikes = anomalies.filter((a) => a.kind === 'spike' || a.kind === 'error-surge');
    expect(spikes).toHaveLength(1);
    const spike = spikes[0] as Anomaly;
    expect(spike.template).toMatch(/Notification time out/);
    expect(spike.firstSeen).toBeGreaterThanOrEqual(at(25) - MINUTE);
    expect(spike.firstSeen).toBeLessThan(at(28));
    expect(spike.countAfter).toBeGreaterThan(5 * spike.countBefore);
    expect(anomalies.filter((a) => a.kind === 'new')).toEqual([]);
  });

  it('scores a one-minute burst of a known error template far below a sustained surge of it', () => {
    // Prepare: the error template is part of the normal mix (rarely), then bursts or surges.
    const withErrors = [...hdfsNormal, ...hdfsErrors.slice(0, 3)];
    const base = { seed: 5, minutes: 45, services: [{ name: 'storage', lines: withErrors, rate: 4 }] };
    const burst = buildStream({
      ...base,
      effects: [{ service: 'storage', from: at(25), to: at(25) + 60_000, add: hdfsErrors, rate: 1 }],
    });
    const sustained = buildStream({
      ...base,
      effects: [{ service: 'storage', from: at(25), to: at(45), add: hdfsErrors, rate: 1 }],
    });

    // Act
    const burstScore = Math.max(
      0,
      ...detect(burst)
        .anomalies()
        .map((a) => a.score),
    );
    const sustainedScore = Math.max(
      0,
      ...detect(sustained)
        .anomalies()
        .map((a) => a.score),
    );

    // Assess
    expect(sustainedScore).toBeGreaterThan(0.8);
    expect(burstScore).toBeLessThan(0.4);
  });

  it("scores a rare template's one-minute burst as a burst, though its first stray line came minutes before", () => {
    // Prepare: one error template first met at minute 15 with a stray line, bursting for a minute at 20, with a
    // stray line now and then afterwards; beside it, the same kind of template printing steadily at about two
    // lines a minute (a canary's rate) from minute 15.
    const rare = hdfsErrors.slice(0, 1);
    const stray = (minute: number) => ({
      service: 'storage',
      from: at(minute),
      to: at(minute + 1),
      add: rare,
      rate: 1.5 / 60,
    });
    const bursty = buildStream(
      storage([
        stray(15),
        { service: 'storage', from: at(20) + 10_000, to: at(21) + 10_000, add: rare, rate: 0.8 },
        stray(26),
        stray(33),
      ]),
    );
    const steady = buildStream(storage([{ service: 'storage', from: at(15), to: at(40), add: rare, rate: 2 / 60 }]));

    // Act
    const burst = detect(bursty)
      .anomalies()
      .find((a) => a.kind === 'new');
    const steadyScore =
      detect(steady)
        .anomalies()
        .find((a) => a.kind === 'new')?.score ?? 0;

    // Assess: a burst's weight (a burst of a known template scores under 0.4), not a sustained new error's.
    expect(burst?.firstSeen).toBeLessThan(at(16));
    expect(burst?.score).toBeLessThan(0.4);
    expect(steadyScore).toBeGreaterThan(0.5);
  });

  it('scores a new error template by the rate its first minute promises, and lets it fade when it stops', () => {
    // Prepare: a few new error lines in minute 25 only.
    const events = buildStream(
      storage([{ service: 'storage', from: at(25), to: at(26), add: hdfsErrors.slice(0, 1), rate: 0.05 }]),
    );
    const detector = detect(events.filter((e) => e.timestamp < at(26)));

    // Act: read when minute 25 closes, then five quiet minutes later.
    detector.advanceTo(at(26));
    const early = detector.anomalies().find((a) => a.kind === 'new');
    detect(
      events.filter((e) => e.timestamp >= at(26)),
      detector,
    );
    detector.advanceTo(at(31));
    const late = detector.anomalies().find((a) => a.kind === 'new');

    // Assess: early, strong enough to start a (provisional) incident; once it stopped, not.
    expect(early?.observed).toBeLessThanOrEqual(4);
    expect(early?.score).toBeGreaterThanOrEqual(0.2);
    expect(late?.score).toBeLessThan(0.1);
  });

  it('reports a steady template going silent as a drop starting when its next line was due', () => {
    // Prepare: "PacketResponder ... terminating" is about a quarter of HDFS lines.
    const packet = (l: string): boolean => /PacketResponder \d+ for block/.test(l);
    const events = buildStream(storage([{ service: 'storage', from: at(25), to: at(40), match: packet, factor: 0 }]));

    // Act
    const anomalies = detect(events).anomalies();

    // Assess
    expect(anomalies.map((a) => a.kind)).toEqual(['drop']);
    const drop = anomalies[0] as Anomaly;
    expect(drop.template).toMatch(/PacketResponder/);
    expect(drop.firstSeen).toBeGreaterThanOrEqual(at(25) - 30_000);
    expect(drop.firstSeen).toBeLessThan(at(25) + 30_000);
    // Whole epoch milliseconds: the pipeline keys deploy queries by them.
    expect(Number.isInteger(drop.firstSeen)).toBe(true);
    expect(drop.countAfter).toBe(0);
    expect(drop.countBefore).toBeGreaterThan(50);
    expect(drop.active).toBe(true);
  });

  it('notices a whole service falling silent from the other services clock', () => {
    // Prepare: storage stops logging at minute 25 while coordinator goes on.
    const events = buildStream({
      seed: 3,
      minutes: 40,
      services: [
        { name: 'storage', lines: hdfsNormal, rate: 4 },
        { name: 'coordinator', lines: zkInfo, rate: 3 },
      ],
    }).filter((e) => e.service !== 'storage' || e.timestamp < at(25));

    // Act
    const anomalies = detect(events)
      .anomalies()
      .filter((a) => a.score >= 0.2);

    // Assess
    expect(anomalies.length).toBeGreaterThan(5);
    expect(anomalies.every((a) => a.service === 'storage' && a.kind === 'drop')).toBe(true);
    expect(anomalies.every((a) => Number.isInteger(a.firstSeen))).toBe(true);
  });

  it('treats lines with an error level in their header as errors even without error words', () => {
    // Prepare: an INFO line of the normal vocabulary, re-levelled as ERROR and surging.
    const line = hdfsNormal.find((l) => /Verification succeeded/.test(l)) ?? '';
    const asError = line.replace(' INFO ', ' ERROR ');
    const events = buildStream(storage([{ service: 'storage', from: at(20), to: at(40), add: [asError], rate: 0.5 }]));

    // Act
    const anomalies = detect(events).anomalies();

    // Assess
    expect(anomalies.map((a) => [a.kind, a.error])).toEqual([['error-surge', true]]);
  });

  it('hands each changed anomaly out once per takeChanges call, in its latest form', () => {
    // Prepare
    const events = buildStream(storage([{ service: 'storage', from: at(20), to: at(40), add: hdfsErrors, rate: 0.3 }]));
    const detector = new Detector();
    const half = events.findIndex((e) => e.timestamp >= at(30));

    // Act
    detect(events.slice(0, half), detector);
    const first = detector.takeChanges();
    const none = detector.takeChanges();
    detect(events.slice(half), detector);
    const later = detector.takeChanges();

    // Assess
    expect(first).toHaveLength(1);
    expect(none).toEqual([]);
    expect(later.map((a) => a.id)).toEqual(first.map((a) => a.id));
    expect(later[0]?.countAfter).toBeGreaterThan(first[0]?.countAfter ?? Infinity);
  });

  it('continues from a JSON round trip of its state exactly as if it had not stopped', () => {
    // Prepare
    const packet = (l: string): boolean => /PacketResponder \d+ for block/.test(l);
    const events = buildStream(
      storage([
        { service: 'storage', from: at(18), to: at(40), add: hdfsErrors, rate: 0.3 },
        { service: 'storage', from: at(30), to: at(40), match: packet, factor: 0 },
      ]),
    );
    const cut = events.findIndex((e) => e.timestamp >= at(24));
    const miners = new Map<string, TemplateMiner>();
    const straight = detect(events);

    // Act
    const before = detect(events.slice(0, cut), new Detector(), miners);
    const saved = JSON.parse(JSON.stringify(before.toJSON())) as ReturnType<Detector['toJSON']>;
    const restoredMiners = new Map(
      [...miners].map(([s, m]) => [s, TemplateMiner.fromSnapshot(JSON.parse(JSON.stringify(m.toSnapshot())))]),
    );
    const resumed = detect(events.slice(cut), Detector.fromJSON(saved), restoredMiners);

    // Assess
    expect(resumed.anomalies()).toEqual(straight.anomalies());
    expect(
      resumed
        .anomalies()
        .map((a) => a.kind)
        .sort(),
    ).toEqual(['drop', 'new']);
  });

  it('keeps at most historyBuckets buckets of history whatever the number of lines', () => {
    // Prepare
    const events = buildStream({ seed: 2, minutes: 30, services: [{ name: 'storage', lines: hdfsNormal, rate: 20 }] });

    // Act
    const state = detect(events, new Detector({ historyBuckets: 10 })).toJSON();

    // Assess
    expect(state.services[0]?.history).toHaveLength(10);
  });

  it('reports nothing for a stream of normal traffic', () => {
    // Prepare
    const events = buildStream({
      seed: 9,
      minutes: 90,
      services: [
        { name: 'storage', lines: hdfsNormal, rate: 6 },
        { name: 'coordinator', lines: zkInfo, rate: 3 },
      ],
    });

    // Act
    const anomalies = detect(events).anomalies();

    // Assess
    expect(anomalies.filter((a) => a.score >= 0.2)).toEqual([]);
  });
});
