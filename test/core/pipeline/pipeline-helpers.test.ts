import {
  acceptsLogGroup,
  CountsMix,
  findApplied,
  parseAnomalyMessage,
  serviceForLogGroup,
  toAnomalyMessage,
  verdictKey,
  withApplied,
  AnomalyMessageError,
  type Verdict,
} from '../../../lambdas/core/pipeline';
import type { Anomaly } from '../../../lambdas/core/analysis';

const MINUTE = 60_000;

describe('serviceForLogGroup', () => {
  it('takes the mapping for the log group first', () => {
    expect(serviceForLogGroup({ '/ecs/prod/payments': 'payments' }, '/ecs/prod/payments')).toBe('payments');
  });

  it('names a Lambda function log group after the function, or what the mapping says for the function', () => {
    expect(serviceForLogGroup({}, '/aws/lambda/checkout-api')).toBe('checkout-api');
    expect(serviceForLogGroup({ 'checkout-api': 'checkout' }, '/aws/lambda/checkout-api')).toBe('checkout');
  });

  it('keeps any other unmapped log group as its own service', () => {
    expect(serviceForLogGroup({ constructor: 'x' }, '/var/log/secure')).toBe('/var/log/secure');
  });
});

describe('acceptsLogGroup', () => {
  it('keeps every group without a prefix and only those under it with one', () => {
    expect([
      acceptsLogGroup('/a', undefined),
      acceptsLogGroup('/ecs/a', '/ecs/'),
      acceptsLogGroup('/aws/lambda/a', '/ecs/'),
    ]).toEqual([true, true, false]);
  });
});

describe('applied batches', () => {
  it('remembers the newest batches and forgets the oldest beyond the limit', () => {
    let applied = withApplied([], { key: 'a', version: 1 }, 3);
    for (const [key, version] of [
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ] as const)
      applied = withApplied(applied, { key, version }, 3);

    expect(applied.map((entry) => entry.key)).toEqual(['b', 'c', 'd']);
    expect(findApplied(applied, 'c')).toEqual({ key: 'c', version: 3 });
    expect(findApplied(applied, 'a')).toBeUndefined();
  });
});

function anomaly(overrides: Partial<Anomaly> = {}): Anomaly {
  return {
    id: 'edge-host|6f1c|new|1709712300000',
    service: 'edge-host',
    kind: 'new',
    templateId: '6f1c',
    template: 'authentication failure; logname= uid=<NUM> euid=<NUM> tty=ssh ruser= rhost=<IP>',
    error: true,
    firstSeen: 1_709_712_300_000,
    lastSeen: 1_709_712_420_000,
    active: true,
    countBefore: 0,
    countAfter: 31,
    expected: 0.4,
    observed: 31,
    buckets: 3,
    surprise: 98.2,
    score: 0.52,
    sample:
      'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4',
    ...overrides,
  };
}

describe('anomaly messages', () => {
  it('round-trip through JSON', () => {
    const message = toAnomalyMessage(anomaly(), { logGroup: '/var/log/secure', revision: 12 });

    expect(parseAnomalyMessage(JSON.stringify(message))).toEqual(message);
  });

  it('are refused with the fields at fault named', () => {
    const broken = {
      ...toAnomalyMessage(anomaly(), { logGroup: '/var/log/secure', revision: 12 }),
      revision: 0,
      anomaly: { ...anomaly(), kind: 'burst' },
    };

    expect(() => parseAnomalyMessage(JSON.stringify(broken), 'SQS message 42')).toThrow(AnomalyMessageError);
    expect(() => parseAnomalyMessage(JSON.stringify(broken), 'SQS message 42')).toThrow(
      /^SQS message 42 is not a Culprit anomaly message: revision: .*; anomaly\.kind: Invalid option/,
    );
    expect(() => parseAnomalyMessage('{"type":', 'SQS message 43')).toThrow(/^SQS message 43 is not JSON: /);
  });
});

describe('CountsMix', () => {
  const t0 = Date.UTC(2024, 2, 5, 9, 0);
  const buckets = new Map([
    [t0, new Map([['a', 10]])],
    [
      t0 + MINUTE,
      new Map([
        ['a', 8],
        ['b', 2],
      ]),
    ],
    [t0 + 2 * MINUTE, new Map([['b', 5]])],
  ]);

  it('sums the buckets overlapping the range, like the detector history', () => {
    const mix = new CountsMix(MINUTE, new Map([['svc', { buckets, hasOlder: false }]]));

    expect(mix.templateMix('svc', t0, t0 + 2 * MINUTE)).toEqual(
      new Map([
        ['a', 18],
        ['b', 2],
      ]),
    );
    expect(mix.templateMix('svc', t0 + MINUTE + 1, t0 + 2 * MINUTE + 1)).toEqual(
      new Map([
        ['a', 8],
        ['b', 7],
      ]),
    );
  });

  it('knows nothing before the first counted minute or of an unknown service', () => {
    const mix = new CountsMix(MINUTE, new Map([['svc', { buckets, hasOlder: false }]]));
    const older = new CountsMix(MINUTE, new Map([['svc', { buckets, hasOlder: true }]]));

    expect(mix.templateMix('svc', t0 - MINUTE, t0 + MINUTE)).toBeUndefined();
    expect(older.templateMix('svc', t0 - MINUTE, t0 + MINUTE)).toEqual(new Map([['a', 10]]));
    expect(mix.templateMix('other', t0, t0 + MINUTE)).toBeUndefined();
  });
});

describe('verdictKey', () => {
  const verdict = (blamed: string | null, order: string[], unexplained: number): Verdict =>
    ({ blamed, unexplained, suspects: order.map((deployId) => ({ deployId, confidence: 0.1 })) }) as unknown as Verdict;

  it('changes with the blamed deploy, the order of suspects and the likelier answer, not with confidences', () => {
    const base = verdictKey(verdict('d1', ['d1', 'd2'], 0.1));

    expect(verdictKey({ ...verdict('d1', ['d1', 'd2'], 0.2) })).toBe(base);
    expect(verdictKey(verdict(null, ['d1', 'd2'], 0.1))).not.toBe(base);
    expect(verdictKey(verdict('d1', ['d2', 'd1'], 0.1))).not.toBe(base);
    expect(verdictKey(verdict('d1', ['d1', 'd2'], 0.6))).not.toBe(base);
  });
});
