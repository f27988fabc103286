import { analyze, Analyzer } from '../../../lambdas/core/analysis';
import type { LogEvent } from '../../../lambdas/core/schemas';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 2, 1, 9, 0, 0);

/** HDFS-like lines of one service, `perMinute` of each, deterministic values. */
interface Line {
  readonly text: (n: number) => string;
  readonly perMinute: number;
  readonly from?: number;
  readonly to?: number;
}

const received = (n: number): string =>
  `Receiving block blk_${4000 + n} src: /10.0.${n % 200}.7:50010 dest: /10.0.3.9:50010`;
const served = (n: number): string => `Served block blk_${9000 + n} to /10.1.${n % 200}.4`;
const responder = (n: number): string => `PacketResponder ${n % 3} for block blk_${7000 + n} terminating`;

function stream(lines: readonly Line[], minutes: number, load: (minute: number) => number = () => 1): LogEvent[] {
  const events: LogEvent[] = [];
  let n = 0;
  for (let minute = 0; minute < minutes; minute++) {
    for (const line of lines) {
      if (minute < (line.from ?? 0) || minute >= (line.to ?? minutes)) continue;
      const count = Math.round(line.perMinute * load(minute));
      for (let i = 0; i < count; i++) {
        n++;
        events.push({
          timestamp: T0 + minute * MINUTE + Math.floor(((i + 0.5) * MINUTE) / count),
          service: 'storage',
          message: line.text(n),
        });
      }
    }
  }
  return events.sort((a, b) => a.timestamp - b.timestamp);
}

describe('log changes that are not faults', () => {
  it('reports a reworded template as a rewording, not as an incident', async () => {
    // Prepare: from minute 25 the receiving line is printed as `key=value` with an added field.
    const reworded = (n: number): string =>
      `Receiving block blk_${4000 + n} src=/10.0.${n % 200}.7:50010 dest=/10.0.3.9:50010 region=eu-west-1`;
    const events = stream(
      [
        { text: received, perMinute: 6, to: 25 },
        { text: reworded, perMinute: 6, from: 25 },
        { text: served, perMinute: 9 },
        { text: responder, perMinute: 5 },
      ],
      45,
    );

    // Act
    const result = await analyze(events, [{ id: 'dpl-1', service: 'storage', timestamp: T0 + 24.5 * MINUTE }]);

    // Assess
    expect(result.logChanges).toEqual([
      expect.objectContaining({ kind: 'rewording', service: 'storage', at: T0 + 25 * MINUTE + 5_000 }),
    ]);
    expect(result.incidents).toEqual([]);
  });

  it('pairs a short routine line with its abbreviated rewording, though they share few whole words', async () => {
    // Prepare: from minute 25 `Reconnecting upstream` is printed as `Rcnnctng upstream`: one word in three shared,
    // but most characters kept, at the same rate from the same moment.
    const reconnecting = (): string => 'Reconnecting upstream';
    const abbreviated = (): string => 'Rcnnctng upstream';
    const events = stream(
      [
        { text: reconnecting, perMinute: 30, to: 25 },
        { text: abbreviated, perMinute: 30, from: 25 },
        { text: served, perMinute: 9 },
        { text: responder, perMinute: 5 },
      ],
      45,
    );

    // Act
    const result = await analyze(events, [{ id: 'dpl-1', service: 'storage', timestamp: T0 + 24.5 * MINUTE }]);

    // Assess
    expect(result.logChanges).toEqual([
      expect.objectContaining({ kind: 'rewording', service: 'storage', from: 'Reconnecting upstream' }),
    ]);
    expect(result.incidents).toEqual([]);
  });

  it('explains every template of a service rising together as load, with no incident', async () => {
    // Prepare: all of the service's traffic runs at four times its rate from minute 25 to 40.
    const events = stream(
      [
        { text: received, perMinute: 6 },
        { text: served, perMinute: 9 },
        { text: responder, perMinute: 5 },
      ],
      45,
      (minute) => (minute >= 25 && minute < 40 ? 4 : 1),
    );

    // Act
    const result = await analyze(events, [{ id: 'dpl-1', service: 'storage', timestamp: T0 + 24 * MINUTE }]);

    // Assess
    expect(result.logChanges?.map((change) => change.kind)).toEqual(['load']);
    expect(result.incidents).toEqual([]);
  });

  it('makes a large new non-error template a low behaviour-change incident that ranks the deploy without blaming it', async () => {
    // Prepare
    const audit = (n: number): string =>
      `Audit event recorded for session ${(n * 7919).toString(16)} (policy v${n % 9})`;
    const events = stream(
      [
        { text: received, perMinute: 6 },
        { text: served, perMinute: 9 },
        { text: audit, perMinute: 12, from: 25 },
      ],
      45,
    );

    // Act
    const result = await analyze(events, [{ id: 'dpl-1', service: 'storage', timestamp: T0 + 24.5 * MINUTE }]);

    // Assess
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]).toMatchObject({ nature: 'behaviour-change', severity: 'low' });
    expect(result.incidents[0]?.suspects.map((s) => [s.deployId, s.blamed])).toEqual([['dpl-1', false]]);
  });

  it('does not take a new error template for a rewording of the routine line it replaced', async () => {
    // Prepare: from minute 25 the served line stops and a failure to serve starts at the same rate. The words
    // overlap as much as a rewording's, but a line that now reports failures changed meaning.
    const failed = (n: number): string => `Failed to serve block blk_${9000 + n} to /10.1.${n % 200}.4`;
    const events = stream(
      [
        { text: received, perMinute: 6 },
        { text: served, perMinute: 9, to: 25 },
        { text: failed, perMinute: 9, from: 25 },
      ],
      45,
    );

    // Act
    const result = await analyze(events, [{ id: 'dpl-1', service: 'storage', timestamp: T0 + 24.5 * MINUTE }]);

    // Assess
    expect(result.logChanges).toEqual([]);
    expect(result.incidents[0]?.suspects[0]).toMatchObject({ deployId: 'dpl-1', blamed: true });
  });

  it('calls a large new non-error template a behaviour change two minutes in, provisionally, from its rate so far', () => {
    // Prepare: 40 lines a minute of a new audit line from minute 25; read at minute 27 (80 lines so far).
    const audit = (n: number): string =>
      `Audit event recorded for session ${(n * 7919).toString(16)} (policy v${n % 9})`;
    const events = stream(
      [
        { text: received, perMinute: 6 },
        { text: served, perMinute: 9 },
        { text: audit, perMinute: 40, from: 25 },
      ],
      45,
    );
    const analyzer = new Analyzer();
    for (const event of events) if (event.timestamp < T0 + 27 * MINUTE) analyzer.push(event);

    // Act
    analyzer.advanceTo(T0 + 27 * MINUTE);
    const result = analyzer.result([{ id: 'dpl-1', service: 'storage', timestamp: T0 + 24.5 * MINUTE }]);

    // Assess
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]).toMatchObject({ nature: 'behaviour-change', provisional: true });
    expect(result.incidents[0]?.suspects.map((s) => [s.deployId, s.blamed])).toEqual([['dpl-1', false]]);
  });
});
