/**
 * The ranking's hard cases, end to end through analyze(): synthetic streams of REAL loghub-2k lines
 * (HDFS, Zookeeper, Spark, OpenSSH) with a change injected where the case needs it.
 */
import { analyze, type AnalysisResult, type Incident } from '../../../lambdas/core/analysis';
import type { Deploy } from '../../../lambdas/core/schemas';
import { at, buildStream, deployAt, loghubLines, type Effect, type StreamSpec } from './support/synthetic-stream';

const hdfs = loghubLines('HDFS', (l) => !/exception/i.test(l));
const hdfsErrors = loghubLines('HDFS', (l) => /exception/i.test(l));
const zkInfo = loghubLines('Zookeeper', (l) => / INFO /.test(l));
const zkBroken = loghubLines('Zookeeper', (l) => /Connection broken for id|Cannot open channel/.test(l));
const spark = loghubLines('Spark');
const sshErrors = loghubLines('OpenSSH', (l) => /fatal: Write failed|error: Received disconnect/.test(l));

/** storage (HDFS), coordinator (Zookeeper INFO) and compute (Spark), an hour of traffic. */
function cluster(seed: number, effects: Effect[], minutes = 60): StreamSpec {
  return {
    seed,
    minutes,
    services: [
      { name: 'storage', lines: hdfs, rate: 4 },
      { name: 'coordinator', lines: zkInfo, rate: 3 },
      { name: 'compute', lines: spark, rate: 3 },
    ],
    effects,
  };
}

async function run(spec: StreamSpec, deploys: Deploy[]): Promise<AnalysisResult> {
  return analyze(buildStream(spec), deploys);
}

/** The one incident with a strong anomaly (low-severity noise aside). */
function mainIncident(result: AnalysisResult): Incident {
  const strong = result.incidents.filter((i) => i.severity !== 'low');
  expect(strong).toHaveLength(1);
  return strong[0] as Incident;
}

const blamed = (result: AnalysisResult): string[] =>
  result.incidents.flatMap((i) => i.suspects.filter((s) => s.blamed).map((s) => s.deployId));

describe('analyze on the hard cases', () => {
  it('blames the deploy after which its service prints new errors', async () => {
    // Act
    const result = await run(
      cluster(1, [{ service: 'storage', from: at(31), to: at(60), add: hdfsErrors, rate: 0.5 }]),
      [deployAt('coord-ok', 'coordinator', 22), deployAt('storage-bad', 'storage', 30)],
    );

    // Assess
    const incident = mainIncident(result);
    expect(incident.suspects[0]?.deployId).toBe('storage-bad');
    expect(blamed(result)).toEqual(['storage-bad']);
  });

  it('blames the bad deploy, not an earlier good deploy of the same service', async () => {
    // Act
    const result = await run(
      cluster(2, [{ service: 'storage', from: at(41), to: at(60), add: hdfsErrors, rate: 0.5 }]),
      [deployAt('storage-good', 'storage', 20), deployAt('storage-bad', 'storage', 40)],
    );

    // Assess
    expect(mainIncident(result).suspects.map((s) => s.deployId)).toEqual(['storage-bad', 'storage-good']);
    expect(blamed(result)).toEqual(['storage-bad']);
  });

  it('blames the upstream origin of a cascade, not the downstream deploy just before its own errors', async () => {
    // Prepare: storage breaks at 31; coordinator deploys at 32.5 and its connections break from 34.
    const effects: Effect[] = [
      { service: 'storage', from: at(31), to: at(60), add: hdfsErrors, rate: 0.5 },
      { service: 'coordinator', from: at(34), to: at(60), add: zkBroken, rate: 0.6 },
    ];

    // Act
    const result = await run(cluster(3, effects), [
      deployAt('storage-bad', 'storage', 30),
      deployAt('coord-benign', 'coordinator', 32.5),
    ]);

    // Assess
    const incident = mainIncident(result);
    expect(incident.services.slice(0, 2)).toEqual(['storage', 'coordinator']);
    expect(incident.suspects[0]?.deployId).toBe('storage-bad');
    expect(blamed(result)).toEqual(['storage-bad']);
  });

  it('blames a deploy after which a rare template jumps fifteenfold (spike only)', async () => {
    // Act: "Notification time out" is about 2% of Zookeeper's INFO lines.
    const result = await run(
      cluster(4, [
        { service: 'coordinator', from: at(31), to: at(60), match: (l) => /Notification time out/.test(l), factor: 15 },
      ]),
      [deployAt('coord-bad', 'coordinator', 30), deployAt('compute-ok', 'compute', 25)],
    );

    // Assess
    const incident = mainIncident(result);
    expect(incident.anomalies[0]?.kind).toMatch(/spike|error-surge/);
    expect(blamed(result)).toEqual(['coord-bad']);
  });

  it('blames a deploy after which a frequent template goes silent (drop only)', async () => {
    // Act: "PacketResponder ... terminating" is about a quarter of HDFS lines.
    const result = await run(
      cluster(5, [
        {
          service: 'storage',
          from: at(30.5),
          to: at(60),
          match: (l) => /PacketResponder \d+ for block/.test(l),
          factor: 0,
        },
      ]),
      [deployAt('storage-bad', 'storage', 30), deployAt('compute-ok', 'compute', 26)],
    );

    // Assess
    expect(mainIncident(result).anomalies[0]?.kind).toBe('drop');
    expect(blamed(result)).toEqual(['storage-bad']);
  });

  it('blames a deploy whose errors start 12 minutes later, past another service’s benign deploy', async () => {
    // Act
    const result = await run(
      cluster(6, [{ service: 'storage', from: at(37), to: at(60), add: hdfsErrors, rate: 0.5 }]),
      [deployAt('storage-bad', 'storage', 25), deployAt('compute-benign', 'compute', 31)],
    );

    // Assess
    expect(mainIncident(result).suspects[0]?.deployId).toBe('storage-bad');
    expect(blamed(result)).toEqual(['storage-bad']);
  });

  it('blames nothing when the failing service had no deploy while others deployed minutes before', async () => {
    // Act
    const result = await run(
      cluster(7, [{ service: 'compute', from: at(40), to: at(60), add: sshErrors, rate: 0.5 }]),
      [deployAt('storage-benign', 'storage', 15), deployAt('coord-benign', 'coordinator', 34)],
    );

    // Assess
    const incident = mainIncident(result);
    expect(incident.services[0]).toBe('compute');
    expect(blamed(result)).toEqual([]);
    expect(incident.unexplained).toBeGreaterThan(0.5);
  });

  it('blames the bad deploy, not the rollback that ended its errors', async () => {
    // Act
    const result = await run(
      cluster(8, [{ service: 'storage', from: at(31), to: at(44.2), add: hdfsErrors, rate: 0.5 }]),
      [deployAt('storage-bad', 'storage', 30), deployAt('storage-rollback', 'storage', 44)],
    );

    // Assess
    expect(mainIncident(result).suspects[0]?.deployId).toBe('storage-bad');
    expect(blamed(result)).toEqual(['storage-bad']);
  });

  it('does not blame anything for a one-minute burst of a known error template', async () => {
    // Prepare: coordinator prints "Connection broken" now and then, and 60 times in one minute at 40.
    const spec: StreamSpec = {
      ...cluster(9, [{ service: 'coordinator', from: at(40), to: at(41), add: zkBroken, rate: 1 }]),
      services: [
        { name: 'storage', lines: hdfs, rate: 4 },
        { name: 'coordinator', lines: [...zkInfo, ...zkBroken.slice(0, 4)], rate: 3 },
        { name: 'compute', lines: spark, rate: 3 },
      ],
    };

    // Act
    const result = await run(spec, [deployAt('coord-old', 'coordinator', 20), deployAt('compute-ok', 'compute', 35)]);

    // Assess
    expect(blamed(result)).toEqual([]);
    expect(result.incidents.every((i) => i.severity === 'low')).toBe(true);
  });
});
