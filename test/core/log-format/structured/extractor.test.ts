import { compileJsonExtractor, learnJsonShape } from '../../../../lambdas/core/log-format/structured';

const T = Date.UTC(2024, 2, 5, 9, 51);

describe('the compiled reader of a learnt JSON shape', () => {
  const records = Array.from({ length: 6 }, (_, i) => ({
    time: T + i,
    level: i % 2 === 0 ? 'error' : 'info',
    service: 'billing',
    logger: 'payments.Charge',
    msg: `charge ${i} failed`,
  }));
  const shape = learnJsonShape(records);

  it('reads every role by default', () => {
    expect(compileJsonExtractor(shape)(records[0])).toEqual({
      message: 'charge 0 failed',
      messageField: 'msg',
      timestamp: T,
      level: 'ERROR',
      service: 'billing',
      component: 'payments.Charge',
    });
  });

  it('leaves out the roles it is not asked for, and reads the others as it does by default', () => {
    const all = compileJsonExtractor(shape);
    const some = compileJsonExtractor(shape, { roles: ['service'] });

    for (const record of records) {
      const { level: _level, component: _component, ...rest } = all(record) ?? {};
      expect(some(record)).toEqual(rest);
    }
  });

  it('reads a dotted path as one flattened key first, then level by level', () => {
    const read = compileJsonExtractor({
      message: 'body.text',
      timestamp: 't',
      evidence: {},
      fieldsSeen: [],
      sampleSize: 0,
    });

    expect(read({ t: T, 'body.text': 'flat', body: { text: 'nested' } })?.message).toBe('flat');
    expect(read({ t: T, body: { text: 'nested' } })?.message).toBe('nested');
    expect(read({ t: T, body: 'not an object' })?.message).toBeUndefined();
  });

  it('reads records holding only the present keys as the full reader does, whatever role each key plays', () => {
    const flat = [
      { '@timestamp': '2024-03-05T09:51:00Z', severity: 'warning', 'service.name': 'billing', msg: 'late', log: 'x' },
      { '@timestamp': 'not a time', time: T, lvl: 'E', app: 'web', message: 7, msg: 'seven' },
      { ts: T, 'log.level': 'debug', logGroup: '/ecs/api', text: 'hello', level: 'nonsense' },
      { date: T, level: 'error', service: '', application: 'api', event: 'started' },
    ];
    for (const record of flat) {
      const shape = learnJsonShape([record]);
      const keys = new Set(Object.keys(record));
      for (const options of [{}, { textMessages: true }, { roles: ['service' as const] }]) {
        const full = compileJsonExtractor(shape, options);
        const cut = compileJsonExtractor(shape, { ...options, presentKeys: keys });

        expect(cut(record)).toEqual(full(record));
        expect(cut({ ...record, msg: undefined })).toEqual(full({ ...record, msg: undefined }));
      }
    }
  });
});
