import { compileJsonExtractor, learnJsonShape } from '../../../../lambdas/core/log-format/structured';

/** Records in each convention's documented shape (written for these tests, messages made up). */
const T = Date.UTC(2024, 2, 12, 8, 0, 0);
const iso = (offsetMs: number): string => new Date(T + offsetMs).toISOString();
const messages = [
  'order 1042 accepted for customer 77',
  'payment authorised in 83 ms',
  'cache miss for key session:9f2c',
  'retrying upstream call to inventory (attempt 2)',
];

const SHAPES: Record<string, (i: number) => Record<string, unknown>> = {
  pino: (i) => ({ level: 30, time: T + i, pid: 4242, hostname: 'api-1', msg: messages[i % 4] }),
  bunyan: (i) => ({ name: 'api', hostname: 'api-1', pid: 7, level: 50, msg: messages[i % 4], time: iso(i), v: 0 }),
  ecs: (i) => ({
    '@timestamp': iso(i),
    'log.level': 'warn',
    message: messages[i % 4],
    ecs: { version: '1.6.0' },
    service: { name: 'checkout' },
  }),
  'ecs nested': (i) => ({ '@timestamp': iso(i), log: { level: 'warn', logger: 'app' }, message: messages[i % 4] }),
  winston: (i) => ({ level: 'warn', message: messages[i % 4], timestamp: iso(i) }),
  powertools: (i) => ({
    level: 'WARN',
    message: messages[i % 4],
    timestamp: iso(i),
    service: 'checkout',
    cold_start: i === 0,
    function_name: 'checkout-fn',
    xray_trace_id: `1-65f0-${i}`,
  }),
  docker: (i) => ({ log: `${messages[i % 4]}\n`, stream: 'stderr', time: iso(i) }),
  logstash: (i) => ({
    '@timestamp': iso(i),
    '@version': '1',
    message: messages[i % 4],
    level: 'WARNING',
    logger_name: 'x',
  }),
  gcp: (i) => ({
    severity: 'WARNING',
    message: messages[i % 4],
    time: iso(i),
    serviceContext: { service: 'checkout' },
  }),
};

/** The level each shape's records name (Docker's json-file has none: the text line inside `log` may). */
const LEVELS: Record<string, string | undefined> = {
  pino: 'INFO',
  bunyan: 'ERROR',
  ecs: 'WARN',
  'ecs nested': 'WARN',
  winston: 'WARN',
  powertools: 'WARN',
  docker: undefined,
  logstash: 'WARN',
  gcp: 'WARN',
};

describe('learning the shape of a source’s JSON records', () => {
  it.each(Object.entries(SHAPES))('reads the time, level and message of %s records', (name, make) => {
    const records = Array.from({ length: 8 }, (_, i) => make(i));

    const read = compileJsonExtractor(learnJsonShape(records));
    const fields = records.map((record) => read(record));

    expect(fields.map((f) => f?.message?.trim())).toEqual(records.map((_, i) => messages[i % 4]));
    expect(fields.map((f) => f?.timestamp)).toEqual(records.map((_, i) => T + i));
    expect(fields.map((f) => f?.level)).toEqual(records.map(() => LEVELS[name]));
  });

  it('maps numeric pino levels and names in any spelling to the project’s severities', () => {
    const records = [10, 20, 30, 40, 50, 60].map((level, i) => ({ level, time: T + i, msg: 'x y' }));
    const spelled = ['warning', 'Err', 'CRITICAL', 'notice'].map((severity, i) => ({
      severity,
      time: T + i,
      msg: 'x',
    }));

    const numeric = records.map((r) => compileJsonExtractor(learnJsonShape(records))(r)?.level);
    const named = spelled.map((r) => compileJsonExtractor(learnJsonShape(spelled))(r)?.level);

    expect(numeric).toEqual(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
    expect(named).toEqual(['WARN', 'ERROR', 'FATAL', 'INFO']);
  });

  it('learns an unknown shape from the values: the field of times, of levels, and the text of most varied words', () => {
    // No field has a conventional name: the data alone must tell the roles apart.
    const records = Array.from({ length: 12 }, (_, i) => ({
      when_utc: iso(i * 1000),
      sev: i % 3 === 0 ? 'ERROR' : 'INFO',
      request: `req-${1000 + i}`,
      host: `web-${i % 2}`,
      what: `${messages[i % 4]} (${i})`,
    }));

    const shape = learnJsonShape(records);

    expect(shape).toMatchObject({ timestamp: 'when_utc', level: 'sev', message: 'what' });
    expect(shape.evidence).toEqual({ timestamp: 'values', level: 'values', message: 'values' });
    expect(compileJsonExtractor(shape)(records[3])).toMatchObject({
      message: `${messages[3]} (3)`,
      timestamp: T + 3000,
      level: 'ERROR',
    });
  });

  it('prefers what the values show over a conventional name whose values are not times', () => {
    const records = Array.from({ length: 6 }, (_, i) => ({ time: 'slow', at: T + i, message: 'm n' }));

    expect(learnJsonShape(records).timestamp).toBe('at');
  });

  it('takes the fields an explicit mapping names, nested ones included', () => {
    const records = Array.from({ length: 4 }, (_, i) => ({
      meta: { at: iso(i), sev: 'error', app: 'billing' },
      note: 'many different words appear in this note field every time',
      body: { text: messages[i % 4] },
    }));

    const shape = learnJsonShape(records, {
      message: 'body.text',
      timestamp: 'meta.at',
      level: 'meta.sev',
      service: 'meta.app',
    });

    expect(compileJsonExtractor(shape)(records[1])).toMatchObject({
      message: messages[1],
      timestamp: T + 1,
      level: 'ERROR',
      service: 'billing',
    });
    expect(shape.evidence).toEqual({ message: 'mapping', timestamp: 'mapping', level: 'mapping', service: 'mapping' });
  });
});
