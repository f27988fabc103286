/**
 * Loads one loghub-2k dataset's structured CSV into templates a scenario can draw lines from:
 * each ground-truth template with its frequency in the sample, the real header fields of its rows,
 * and the real values seen at each `<*>`, so fresh lines can be made with the same shape.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { InvalidInputError } from '../../lambdas/core/errors';
import { defaultLoghubDir, parseCsvRecords } from '../loghub';
import { type DatasetName, type DatasetProfile, datasetProfile } from './dataset-profiles';
import { type SlotValues, slotValues } from './fresh-values';

/** Words that make a line look like trouble to a person reading it. */
const ERROR_WORDS =
  /\b(error|errors|exception|exceptions|fail|failed|failure|failures|fatal|refused|denied|timeout|timed out|broken|unable|cannot|can't|invalid|abort|aborted|unavailable|lost|killed|killing|not running|severe)\b/i;
const ERROR_LEVELS = new Set(['ERROR', 'FATAL', 'SEVERE', 'CRITICAL', 'error', 'crit', 'alert', 'emerg']);

export interface DatasetTemplate {
  /** `Dataset:EventId`, unique across datasets. */
  readonly id: string;
  readonly eventId: string;
  /** The ground-truth template, variables written `<*>`. */
  readonly text: string;
  /** Lines of the 2k sample with this template. */
  readonly count: number;
  readonly errorLooking: boolean;
  /** The template split at each `<*>`: one more part than slots. */
  readonly parts: readonly string[];
  readonly slots: readonly SlotValues[];
  /** The structured rows of this template, whose header fields (level, component, pid) are reused. */
  readonly rows: readonly Readonly<Record<string, string>>[];
}

export interface Dataset {
  readonly name: DatasetName;
  readonly profile: DatasetProfile;
  /** Most frequent first. */
  readonly templates: readonly DatasetTemplate[];
  readonly rows: readonly Readonly<Record<string, string>>[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The values a row's content holds at each `<*>` of its template, or undefined if they do not line up. */
function extractValues(parts: readonly string[], content: string): string[] | undefined {
  // The corrected templates collapse runs of spaces that some raw lines have ("from  MININT").
  const literal = (part: string): string => escapeRegExp(part).replace(/ +/g, ' +');
  const pattern = new RegExp(`^${parts.map(literal).join('([\\s\\S]*?)')}$`);
  const match = pattern.exec(content);
  return match === null ? undefined : match.slice(1);
}

function buildTemplate(
  name: DatasetName,
  profile: DatasetProfile,
  eventId: string,
  rows: readonly Record<string, string>[],
): DatasetTemplate {
  const text = rows[0]?.EventTemplate ?? '';
  const parts = text.split('<*>');
  const perSlot: string[][] = parts.slice(1).map(() => []);
  for (const row of rows) {
    const values = extractValues(parts, (row.Content ?? '').trim());
    values?.forEach((value, index) => {
      perSlot[index]?.push(value);
    });
  }
  const levelColumn = profile.levelColumn;
  const errorLevel = levelColumn !== undefined && rows.some((row) => ERROR_LEVELS.has(row[levelColumn] ?? ''));
  return {
    id: `${name}:${eventId}`,
    eventId,
    text,
    count: rows.length,
    errorLooking: errorLevel || ERROR_WORDS.test(text),
    parts,
    slots: perSlot.map((originals, index) => slotValues(originals, parts[index])),
    rows,
  };
}

const cache = new Map<string, Dataset>();

/** Reads `<dir>/<name>/<name>_2k.log_structured_corrected.csv`; cached per process. */
export function loadDataset(name: DatasetName, dataDir: string = defaultLoghubDir()): Dataset {
  const file = path.join(dataDir, name, `${name}_2k.log_structured_corrected.csv`);
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`loghub dataset ${name}: cannot read ${file}`, { cause: error });
  }
  const rows = parseCsvRecords(text, file);
  const byEvent = new Map<string, Record<string, string>[]>();
  for (const row of rows) {
    const eventId = row.EventId ?? '';
    const group = byEvent.get(eventId) ?? [];
    group.push(row);
    byEvent.set(eventId, group);
  }
  const profile = datasetProfile(name);
  const templates = [...byEvent.entries()]
    .map(([eventId, group]) => buildTemplate(name, profile, eventId, group))
    .sort((a, b) => b.count - a.count || a.eventId.localeCompare(b.eventId, 'en', { numeric: true }));
  const dataset: Dataset = { name, profile, templates, rows };
  cache.set(file, dataset);
  return dataset;
}
