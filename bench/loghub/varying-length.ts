/**
 * A check of the miner on values that span a varying number of tokens, built from annotated
 * loghub lines: in every line of an event, one of the event's variables (the same slot for every
 * line of the event) is replaced by a freshly drawn value of one kind (the same kind for the
 * event): a duration or size of one to three units, a quoted string of one to four words, a list
 * of one to six ids, or a run of one to four key=value pairs with varying keys. The event ids stay
 * the ground truth, so GA says whether the miner kept each event one group. Deterministic for a
 * given seed.
 */
import { seededRandom, type Random } from '../corpus';
import type { LoghubDataset } from './datasets';
import { matchTemplateSpans } from './normalise';

export const VALUE_KINDS = ['duration', 'size', 'quoted', 'list', 'pairs'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

const WORDS = 'red blue fast slow north south alpha beta gamma delta river stone cloud paper glass'.split(' ');
const KEYS = 'env team tier zone owner app cost ver region shard role build'.split(' ');
const DURATION_UNITS = ['h', 'min', 's', 'ms'];
const SIZE_UNITS = ['GB', 'MB', 'KB'];

/** A small stable hash of a string, to pick an event's slot and kind without a random draw. */
function stableHash(text: string): number {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  return hash >>> 0;
}

function units(random: Random, names: readonly string[], spelled: (unit: string) => string): string {
  const count = 1 + random.int(3);
  const start = random.int(names.length - count + 1);
  return names
    .slice(start, start + count)
    .map((unit) => `${1 + random.int(59)} ${spelled(unit)}`)
    .join(' ');
}

export function drawValue(kind: ValueKind, random: Random): string {
  switch (kind) {
    case 'duration':
      return random.int(8) === 0 ? '<1 sec' : units(random, DURATION_UNITS, (unit) => (unit === 'h' ? 'hours' : unit));
    case 'size':
      return units(random, SIZE_UNITS, (unit) => unit);
    case 'quoted':
      return `"${Array.from({ length: 1 + random.int(4) }, () => WORDS[random.int(WORDS.length)]).join(' ')}"`;
    case 'list':
      return Array.from({ length: 1 + random.int(6) }, () => `node-${random.int(4096)}`).join(' ');
    case 'pairs':
      return Array.from(
        { length: 1 + random.int(4) },
        () => `${KEYS[random.int(KEYS.length)]}=${WORDS[random.int(WORDS.length)]}`,
      ).join(' ');
  }
}

/** The dataset with one slot of every event that has variables holding values of varying length. */
export function withVaryingLengthValues(dataset: LoghubDataset, seed: number): LoghubDataset {
  const random = seededRandom(seed);
  const lines = dataset.lines.map((line) => {
    const spans = matchTemplateSpans(line.eventTemplate, line.content);
    if (spans === undefined || spans.length === 0) return line;
    const slot = stableHash(line.eventId) % spans.length;
    const kind = VALUE_KINDS[stableHash(`${line.eventId}/kind`) % VALUE_KINDS.length]!;
    const [start, end] = spans[slot]!;
    const value = drawValue(kind, random);
    const content = `${line.content.slice(0, start)}${value}${line.content.slice(end)}`;
    return { ...line, content, raw: content };
  });
  return { name: dataset.name, lines };
}
