import { applyLogEvents, ServiceAnalysis } from '../../../lambdas/core/pipeline';
import { subscriptionEvent, type LoggedLine } from '../../e2e/support/lambda-events';
import { prepareIngest, useIngestServers } from './ingest-fixture';
import { hdfsLines, merged, MINUTE, sshFailureLines, T0 } from './log-lines';

const servers = useIngestServers();

const GROUP = '/ecs/block-store';
const CONCURRENT = 8;

/** Sums a bucket → template → lines map per template. */
function perTemplate(counts: ReadonlyMap<number, ReadonlyMap<string, number>>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const bucket of counts.values()) for (const [id, n] of bucket) totals.set(id, (totals.get(id) ?? 0) + n);
  return new Map([...totals].sort());
}

function perBucket(lines: readonly LoggedLine[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const line of lines) {
    const bucket = Math.floor(line.timestamp / MINUTE) * MINUTE;
    totals.set(bucket, (totals.get(bucket) ?? 0) + 1);
  }
  return totals;
}

describe('ingest invocations for one log group at the same time', () => {
  it(`converge when ${CONCURRENT} run at once: counts exact, every batch applied once, each new template reported once`, async () => {
    // Prepare: ten minutes of HDFS traffic (the learning period), then eight deliveries of the following
    // minutes, each with SSH failures the service never logged before, then a minute that closes the buckets.
    const world = await prepareIngest(servers());
    const learning = [hdfsLines(T0, 750, 400), hdfsLines(T0 + 300_000, 750, 400, 750)];
    const concurrent = Array.from({ length: CONCURRENT }, (_, i) => {
      const minute = T0 + (10 + (i % 4)) * MINUTE + (i >= 4 ? 300 : 0);
      return merged(hdfsLines(minute, 100, 600, (i * 150) % 1400), sshFailureLines(minute + 50, 6, 9000, i * 6));
    });
    const closing = hdfsLines(T0 + 16 * MINUTE, 60, 1000);
    const all = [...learning, ...concurrent, closing];
    for (const batch of learning) await world.container()(subscriptionEvent(GROUP, batch));

    // Act: each delivery in its own container (its own cache), all at once.
    const results = await Promise.all(
      concurrent.map((batch, i) => world.container()(subscriptionEvent(GROUP, batch, `stream-${i}`))),
    );
    await world.container()(subscriptionEvent(GROUP, closing));
    const counts = await world.counts(GROUP);
    const messages = await world.messages();

    // Assess: the counts hold every line exactly once, under the templates a single uninterrupted analysis finds.
    const reference = new ServiceAnalysis(GROUP);
    const referenceCounts = new Map<number, Map<string, number>>();
    for (const batch of all) {
      for (const [bucket, templates] of applyLogEvents(
        reference,
        batch.map((line, id) => ({ id: String(id), ...line })),
      ).counts.entries()) {
        const into = referenceCounts.get(bucket) ?? new Map<string, number>();
        for (const [id, n] of templates) into.set(id, (into.get(id) ?? 0) + n);
        referenceCounts.set(bucket, into);
      }
    }
    const stored = new Map(
      [...counts].map(([bucket, templates]) => [bucket, [...templates.values()].reduce((a, b) => a + b, 0)]),
    );
    expect(stored).toEqual(perBucket(all.flat()));
    expect(perTemplate(counts)).toEqual(perTemplate(referenceCounts));

    // Every delivery committed its own version; some had to reload and re-apply to get there.
    expect(results.map((r) => r.outcome)).toEqual(Array(CONCURRENT).fill('applied'));
    expect(results.map((r) => ('version' in r ? r.version : 0)).sort((a, b) => a - b)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(Math.max(...results.map((r) => ('attempts' in r ? r.attempts : 0)))).toBeGreaterThan(1);

    // The two SSH templates were each reported new by exactly one anomaly.
    const newByTemplate = new Map<string, Set<string>>();
    for (const m of messages.filter((m) => m.anomaly.kind === 'new')) {
      newByTemplate.set(m.anomaly.templateId, (newByTemplate.get(m.anomaly.templateId) ?? new Set()).add(m.anomaly.id));
    }
    expect([...newByTemplate.values()].map((ids) => ids.size)).toEqual([1, 1]);
    expect([...newByTemplate.values()].flatMap((ids) => [...ids]).every((id) => id.includes('|new|'))).toBe(true);
  });
});
