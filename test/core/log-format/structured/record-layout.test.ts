import { compileRecordLayout } from '../../../../lambdas/core/log-format/structured';

const first = { timestamp: 1709632260000, logGroup: 'bastion', logStream: 'bastion/0001', message: 'session opened' };
const firstText = JSON.stringify(first);
const wanted = new Set(['timestamp', 'logGroup', 'message']);

/** The fields `JSON.parse` gives for `wanted`, as the layout should give them. */
const parsedFields = (text: string): Record<string, unknown> => {
  const value = JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries([...wanted].filter((key) => key in value).map((key) => [key, value[key]]));
};

describe('the written layout of a source of JSON records', () => {
  const layout = compileRecordLayout(firstText, first, wanted);
  const read = layout?.read;

  it('reads the wanted fields of a record written alike, and only those', () => {
    expect(layout?.keys).toEqual(wanted);
    expect(read?.(firstText)).toEqual({ timestamp: 1709632260000, logGroup: 'bastion', message: 'session opened' });
  });

  it('reads escaped strings and every JSON number form as JSON.parse does', () => {
    const texts = [
      JSON.stringify({ ...first, message: 'quoted "name" \\ path\ttab \u0001 \u00e9\u{1F600}' }),
      String.raw`{"timestamp":-1.5e3,"logGroup":"a\/b\u00e9","logStream":"s","message":"\ud83d\ude00 \n"}`,
      '{"timestamp":0,"logGroup":"g","logStream":"s","message":""}',
      '{"timestamp":12.25E+2,"logGroup":"g","logStream":"s","message":"x"}',
    ];

    for (const text of texts) expect(read?.(text)).toEqual(parsedFields(text));
  });

  it('refuses any text JSON.parse would refuse, or read otherwise, so that the caller parses it', () => {
    const texts = [
      '{"timestamp":1,"logGroup":"g","logStream":"s","message":"raw\ttab"}', // control character in a string
      String.raw`{"timestamp":1,"logGroup":"g","logStream":"s","message":"bad \x escape"}`,
      '{"timestamp":01,"logGroup":"g","logStream":"s","message":"x"}', // leading zero
      '{"timestamp":1,"logGroup":"g","logStream":"s","message":"x"} trailing',
      '{"timestamp":1,"logGroup":"g","logStream":"s","message":"x"', // cut
      '{"timestamp": 1,"logGroup":"g","logStream":"s","message":"x"}', // spaces: valid, but another layout
      '{"logGroup":"g","timestamp":1,"logStream":"s","message":"x"}', // another key order
      '{"timestamp":1,"logGroup":"g","logStream":"s","message":"x","level":"ERROR"}', // another key
      '{"timestamp":1,"logGroup":"g","logStream":"s","message":{"text":"x"}}', // a nested value
      '{"timestamp":"1","logGroup":"g","logStream":"s","message":"x"}', // a string where a number was
    ];

    for (const text of texts) expect(read?.(text)).toBeUndefined();
  });

  it('learns no layout from a record with a nested, boolean or null value, or from a text written with spaces', () => {
    const nested = { ...first, context: { request: 'r-1' } };
    const flagged = { ...first, sampled: true };

    expect(compileRecordLayout(JSON.stringify(nested), nested, wanted)).toBeUndefined();
    expect(compileRecordLayout(JSON.stringify(flagged), flagged, wanted)).toBeUndefined();
    expect(compileRecordLayout(JSON.stringify(first, null, 1), first, wanted)).toBeUndefined();
  });

  it('learns no layout from keys JSON.parse orders or stores differently from the text', () => {
    const indexed = JSON.parse('{"message":"x","2":"y"}') as unknown;

    expect(compileRecordLayout('{"message":"x","2":"y"}', indexed, wanted)).toBeUndefined();
  });
});
