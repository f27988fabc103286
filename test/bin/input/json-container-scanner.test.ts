import { type ContainerPath, JsonContainerScanner, JsonSyntaxError } from '../../../bin/input/json-container-scanner';
import { loghubLines, seeded } from './fixtures';

interface Scanned {
  readonly opened: string[];
  readonly arrays: string[];
  readonly values: [ContainerPath, unknown][];
  readonly oversized: [ContainerPath, number][];
}

/** Feeds `text` to a scanner in the given pieces and records everything it hands on. */
function scan(pieces: readonly Buffer[], maxValueBytes?: number): Scanned {
  const scanned: Scanned = { opened: [], arrays: [], values: [], oversized: [] };
  const scanner = new JsonContainerScanner(
    {
      onOpen: (kind) => scanned.opened.push(kind),
      onArray: (key) => scanned.arrays.push(key),
      onValue: (path, value) => scanned.values.push([path, value]),
      onOversized: (path, line) => scanned.oversized.push([path, line]),
    },
    maxValueBytes === undefined ? {} : { maxValueBytes },
  );
  for (const piece of pieces) scanner.write(piece);
  scanner.end();
  return scanned;
}

const whole = (text: string): Buffer[] => [Buffer.from(text)];

/** The bytes of `text` cut at every `size` bytes (cuts fall inside UTF-8 characters and escapes too). */
function cut(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) pieces.push(bytes.subarray(start, start + size));
  return pieces;
}

function syntaxError(pieces: readonly Buffer[]): JsonSyntaxError {
  try {
    scan(pieces);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

describe('splitting a JSON document into the values of its top-level container', () => {
  const [first = '', second = ''] = loghubLines('OpenSSH', 2);
  const exportDocument = {
    logGroupName: '/aws/ec2/bastion',
    events: [
      { timestamp: 1, message: `${first}\n`, eventId: 'a' },
      { timestamp: 2, message: `quote " backslash \\ \\" tab \t unicode é ✓ 😀 ${second}` },
      { timestamp: 3, message: '\\\\', nested: { list: [1, [2, { three: '}]' }]] } },
    ],
    searchedLogStreams: [{ logStreamName: 'a1b2', searchedCompletely: true }],
    nextToken: null,
    count: -1.5e3,
  };
  const text = JSON.stringify(exportDocument, null, 4);
  const expected: [ContainerPath, unknown][] = [
    [['logGroupName'], exportDocument.logGroupName],
    ...exportDocument.events.map((event, index): [ContainerPath, unknown] => [['events', index], event]),
    [['searchedLogStreams', 0], exportDocument.searchedLogStreams[0]],
    [['nextToken'], null],
    [['count'], -1500],
  ];

  it('hands on the members of an object and the elements of its arrays, each as JSON.parse reads it', () => {
    const scanned = scan(whole(text));

    expect(scanned.opened).toEqual(['object']);
    expect(scanned.arrays).toEqual(['events', 'searchedLogStreams']);
    expect(scanned.values).toEqual(expected);
  });

  it('gives the same values whatever the size of the chunks, down to one byte', () => {
    for (const size of [1, 2, 3, 5, 7, 64]) expect(scan(cut(text, size)).values).toEqual(expected);
  });

  it('gives the same values for compact JSON cut at random places', () => {
    const compact = JSON.stringify(exportDocument);
    const random = seeded(13);
    for (let round = 0; round < 50; round += 1) {
      const size = 1 + Math.floor(random() * 40);

      expect(scan(cut(compact, size)).values).toEqual(expected);
    }
  });

  it('hands on the elements of a top-level array by index, nested arrays whole', () => {
    const scanned = scan(cut('[ {"a": 1}, [2, 3], "four", 5, true, null ]', 2));

    expect(scanned.opened).toEqual(['array']);
    expect(scanned.values).toEqual([
      [[0], { a: 1 }],
      [[1], [2, 3]],
      [[2], 'four'],
      [[3], 5],
      [[4], true],
      [[5], null],
    ]);
  });

  it('skips a value longer than the cap, reports where it starts, and reads on', () => {
    const document = JSON.stringify({ events: [{ message: 'x'.repeat(200) }, { message: 'short' }] }, null, 2);

    const scanned = scan(cut(document, 16), 100);

    expect(scanned.oversized).toEqual([[['events', 0], 3]]);
    expect(scanned.values).toEqual([[['events', 1], { message: 'short' }]]);
  });

  it.each([
    [
      'a missing comma between two events',
      '{\n  "events": [\n    {"a": 1}\n    {"a": 2}\n  ]\n}',
      4,
      /expected "," or "]"/,
    ],
    // V8 does not always give the position of the error: the line where the event starts is what is certain.
    ['a broken value inside an event', '{\n  "events": [\n    {\n      "a": tru\n    }\n  ]\n}', 3, /not valid JSON/],
    [
      'a property name without quotes inside an event',
      '{\n  "events": [\n    {\n      a: 1\n    }\n  ]\n}',
      4,
      /property name/,
    ],
    ['a property name without quotes', '{\n  events: []\n}', 2, /double-quoted property name/],
    ['text after the document', '{"events": []}\nmore', 2, /nothing after the document/],
    ['a document cut short', '{\n  "events": [\n    {"a": 1},\n', 4, /ends early/],
    ['a document that is not an object or an array', '\n"just a string"', 2, /"\{" or "\["/],
  ])('rejects %s, naming the line', (_, document, line, message) => {
    for (const size of [1, 4, 1024]) {
      const error = syntaxError(cut(document, size));

      expect({ line: error.line, message: error.message }).toEqual({ line, message: expect.stringMatching(message) });
    }
  });

  it('rejects an empty document', () => {
    expect(syntaxError([]).message).toMatch(/ends early/);
  });
});
