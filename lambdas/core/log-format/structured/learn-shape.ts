/**
 * Learns which field of a source's JSON records is the time, the level, the message and the service, from a
 * sample of the records themselves. The conventional names (conventions.ts) are the prior; the values decide:
 * a conventional name is taken only when its values read as that role, and without one the field whose values
 * read as times (or levels) in nearly every record is taken, and the message is the text field with the most
 * varied words. An explicit mapping wins over both.
 */
import { CONVENTIONAL_FIELDS, type FieldRole } from './conventions';
import { levelOf, looksLikeTime } from './field-values';
import { isJsonRecord, visitLeaves } from './field-path';
import type { JsonShape, LogFieldMapping, ShapeEvidence } from './types';

/** Share of the records holding a field whose values must read as the role. @default 0.9 */
const AGREEMENT = 0.9;
/** The same for a conventional name: the name vouches too, so a few bad records do not unseat it. @default 0.5 */
const CONVENTIONAL_AGREEMENT = 0.5;
/** Share of the records a field must appear in to be learnt from its values. @default 0.5 */
const PRESENCE = 0.5;

/** What the sample showed of one leaf field. */
interface FieldStats {
  present: number;
  times: number;
  levelNames: number;
  levelNumbers: number;
  strings: number;
  words: number;
  readonly distinctWords: Set<string>;
}

const MAX_DISTINCT_WORDS = 10_000;

function statsOf(samples: readonly unknown[]): Map<string, FieldStats> {
  const stats = new Map<string, FieldStats>();
  for (const sample of samples) {
    if (!isJsonRecord(sample)) continue;
    visitLeaves(sample, (path, value) => {
      let field = stats.get(path);
      if (field === undefined) {
        field = {
          present: 0,
          times: 0,
          levelNames: 0,
          levelNumbers: 0,
          strings: 0,
          words: 0,
          distinctWords: new Set(),
        };
        stats.set(path, field);
      }
      if (value === null || value === undefined) return;
      field.present++;
      if (looksLikeTime(value)) field.times++;
      if (levelOf(value) !== undefined) {
        if (typeof value === 'number') field.levelNumbers++;
        else field.levelNames++;
      }
      if (typeof value === 'string') {
        field.strings++;
        for (const word of value.split(/\s+/)) {
          if (word === '') continue;
          field.words++;
          if (field.distinctWords.size < MAX_DISTINCT_WORDS) field.distinctWords.add(word);
        }
      }
    });
  }
  return stats;
}

type Reads = (field: FieldStats, agreement: number) => boolean;

const readsAsTime: Reads = (f, agreement) => f.times >= f.present * agreement;
/** Numbers read as levels only under a conventional name: any small count would pass as pino's 10..60. */
const readsAsLevelName: Reads = (f, agreement) => f.levelNames >= f.present * agreement;
const readsAsLevel: Reads = (f, agreement) => f.levelNames + f.levelNumbers >= f.present * agreement;
const readsAsText: Reads = (f) => f.present > 0;
const readsAsName: Reads = (f, agreement) => f.strings >= f.present * agreement;

/** The first conventional name of `role` present in the sample whose values read as the role. */
function conventional(role: FieldRole, stats: ReadonlyMap<string, FieldStats>, reads: Reads): string | undefined {
  for (const name of CONVENTIONAL_FIELDS[role]) {
    const field = stats.get(name);
    if (field !== undefined && field.present > 0 && reads(field, CONVENTIONAL_AGREEMENT)) return name;
  }
  return undefined;
}

/** The most frequent field (not already taken) whose values read as the role in nearly every record. */
function byValues(
  stats: ReadonlyMap<string, FieldStats>,
  sampleSize: number,
  taken: ReadonlySet<string>,
  reads: Reads,
): string | undefined {
  let best: string | undefined;
  let bestPresent = 0;
  for (const [path, field] of stats) {
    if (taken.has(path) || field.present < sampleSize * PRESENCE || !reads(field, AGREEMENT)) continue;
    if (field.present > bestPresent) {
      best = path;
      bestPresent = field.present;
    }
  }
  return best;
}

/**
 * The message by its values: the text field (not already taken) with the most varied words, preferring fields
 * of several words per value (a message) over one-word fields (ids, hosts), which vary as much.
 */
function messageByValues(
  stats: ReadonlyMap<string, FieldStats>,
  sampleSize: number,
  taken: ReadonlySet<string>,
): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const [path, field] of stats) {
    if (taken.has(path) || field.strings < sampleSize * PRESENCE || field.times >= field.present * AGREEMENT) continue;
    const wordsPerValue = field.words / field.strings;
    const score = field.distinctWords.size * (wordsPerValue >= 2 ? wordsPerValue : 0.5);
    if (score > bestScore) {
      best = path;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The shape of the records in `samples` (a source's first records; non-objects are ignored). `mapping` (the
 * `logFields` setting) fixes the roles it names.
 */
export function learnJsonShape(samples: readonly unknown[], mapping?: LogFieldMapping): JsonShape {
  const stats = statsOf(samples);
  const records = samples.filter(isJsonRecord).length;
  const taken = new Set<string>();
  const evidence: Partial<Record<'message' | 'timestamp' | 'level' | 'service', ShapeEvidence>> = {};
  const decide = (
    role: 'message' | 'timestamp' | 'level' | 'service',
    mapped: string | undefined,
    prior: () => string | undefined,
    values: () => string | undefined,
  ): string | undefined => {
    let field = mapped;
    let how: ShapeEvidence = 'mapping';
    if (field === undefined) {
      field = prior();
      how = 'convention';
    }
    if (field === undefined) {
      field = values();
      how = 'values';
    }
    if (field !== undefined) {
      taken.add(field);
      evidence[role] = how;
    }
    return field;
  };
  const timestamp = decide(
    'timestamp',
    mapping?.timestamp,
    () => conventional('timestamp', stats, readsAsTime),
    () => byValues(stats, records, taken, readsAsTime),
  );
  const level = decide(
    'level',
    mapping?.level,
    () => conventional('level', stats, readsAsLevel),
    () => byValues(stats, records, taken, readsAsLevelName),
  );
  const service = decide(
    'service',
    mapping?.service,
    () => conventional('service', stats, readsAsName),
    () => undefined, // a service is never guessed from values: each one gets a miner of its own
  );
  const message = decide(
    'message',
    mapping?.message,
    () => conventional('message', stats, readsAsText),
    () => messageByValues(stats, records, taken),
  );
  const component = conventional('component', stats, readsAsName);
  const fieldsSeen = [...stats.entries()].sort((a, b) => b[1].present - a[1].present).map(([path]) => path);
  return {
    ...(message === undefined ? {} : { message }),
    ...(timestamp === undefined ? {} : { timestamp }),
    ...(level === undefined ? {} : { level }),
    ...(service === undefined ? {} : { service }),
    ...(component === undefined || component === service ? {} : { component }),
    evidence,
    fieldsSeen,
    sampleSize: records,
  };
}
