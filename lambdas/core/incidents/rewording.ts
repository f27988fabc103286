import { distance } from 'fastest-levenshtein';
import type { Anomaly } from '../detect';
import type { LogChange, LogHistorySource } from './log-change-types';

/** How far before and after a new template's start the pairing compares rates. */
const WINDOW_MS = 10 * 60_000;
/** Word overlap two templates need to be one log statement reworded. */
const MIN_SIMILARITY = 0.5;
/**
 * Or, for two routine (non-error) templates, the share of their constant text kept character by character: a
 * renamed or abbreviated word (`Interrupting` → `Intrrptng`) shares few whole words with the old text but most of
 * its letters. Higher than the word bar: `Connection opened` → `Connection closed` keeps 76 % of its characters
 * and is two statements, not one.
 */
const MIN_TEXT_SIMILARITY = 0.8;
/** The new wording's rate must be within this factor of the old one's. */
const RATE_FACTOR = 3;
/** A stopped template keeps at most this fraction of the lines its rate promised after the switch. */
const STOPPED_FRACTION = 0.2;

/** Words of a template: letter runs of two or more, lower-cased (variables and punctuation left out). */
function words(text: string): Set<string> {
  return new Set(
    (
      text
        .replace(/<\*>/g, ' ')
        .toLowerCase()
        .match(/[a-z]{2,}/g) ?? []
    ).filter((w) => w.length > 1),
  );
}

export function wordSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}

/** The constant text of a template: variables out, whitespace collapsed, lower-cased. */
function constantText(text: string): string {
  return text
    .replace(/<[^<>\s]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** One minus the edit distance between the two templates' constant texts over the longer one's length, in [0, 1]. */
export function textSimilarity(a: string, b: string): number {
  const ta = constantText(a);
  const tb = constantText(b);
  const longest = Math.max(ta.length, tb.length);
  return longest === 0 ? 0 : 1 - distance(ta, tb) / longest;
}

/**
 * How alike two templates read as one statement reworded: their word overlap, or, when neither prints failures and
 * most of the characters are kept, their character-level likeness.
 */
function statementSimilarity(a: string, b: string, routine: boolean): number {
  const byWords = wordSimilarity(a, b);
  const byText = routine ? textSimilarity(a, b) : 0;
  return byText >= MIN_TEXT_SIMILARITY ? Math.max(byWords, byText) : byWords;
}

/** Counts per template over [from, to) and the whole buckets that covers, or undefined without history. */
function window(source: LogHistorySource, service: string, from: number, to: number, bucketMs: number) {
  if (to - from < bucketMs) return undefined;
  const mix = source.templateMix(service, from, to);
  return mix === undefined ? undefined : { mix, buckets: Math.round((to - from) / bucketMs) };
}

/**
 * Pairs each `new` template with a template of the same service that stopped when it started, at about the same
 * rate, with most words in common: one log statement reworded (renamed words, `key: v` → `key=v`, an added field,
 * swapped words). Both sides of a pair (the new template, and the old one's drop if it had one) are taken out of
 * the anomalies; the pair is reported as a log change. Learns nothing but what the service's own history says.
 */
export function pairRewordings(
  anomalies: readonly Anomaly[],
  source: LogHistorySource,
  bucketMs: number,
): { anomalies: Anomaly[]; changes: LogChange[] } {
  const horizon = source.watermark();
  if (horizon === undefined) return { anomalies: [...anomalies], changes: [] };
  const removed = new Set<string>();
  const changes: LogChange[] = [];
  const used = new Set<string>();
  const fresh = anomalies.filter((a) => a.kind === 'new').sort((a, b) => a.firstSeen - b.firstSeen);
  for (const a of fresh) {
    const switchBucket = Math.floor(a.firstSeen / bucketMs) * bucketMs;
    const before = window(source, a.service, switchBucket - WINDOW_MS, switchBucket, bucketMs);
    const afterTo = Math.min(horizon, switchBucket + bucketMs + WINDOW_MS);
    const after = window(source, a.service, switchBucket + bucketMs, afterTo, bucketMs);
    if (before === undefined || after === undefined) continue;
    const newRate = (after.mix.get(a.templateId) ?? 0) / after.buckets;
    let best: { id: string; text: string; similarity: number } | undefined;
    for (const [id, count] of before.mix) {
      if (id === a.templateId || used.has(`${a.service}|${id}`) || count < 2) continue;
      const oldRate = count / before.buckets;
      const promised = oldRate * after.buckets;
      const left = after.mix.get(id) ?? 0;
      if (left > STOPPED_FRACTION * promised || (promised < 3 && left > 0)) continue;
      const small = count <= 5 && newRate * after.buckets <= 5;
      if (!small && (newRate > RATE_FACTOR * oldRate || newRate * RATE_FACTOR < oldRate)) continue;
      // A statement that starts printing failures where it printed routine news changed meaning, not wording.
      if (a.error && !source.isErrorTemplate(a.service, id)) continue;
      const text = source.templateText(a.service, id);
      if (text === undefined) continue;
      const routine = !a.error && !source.isErrorTemplate(a.service, id);
      const similarity = statementSimilarity(text, a.template, routine);
      if (similarity >= MIN_SIMILARITY && (best === undefined || similarity > best.similarity))
        best = { id, text, similarity };
    }
    if (best === undefined) continue;
    used.add(`${a.service}|${best.id}`);
    removed.add(a.id);
    const oldId = best.id;
    for (const other of anomalies)
      if (
        other.service === a.service &&
        other.templateId === oldId &&
        other.kind === 'drop' &&
        Math.abs(other.firstSeen - a.firstSeen) <= WINDOW_MS
      )
        removed.add(other.id);
    changes.push({
      kind: 'rewording',
      service: a.service,
      at: a.firstSeen,
      from: best.text,
      to: a.template,
      similarity: Math.round(best.similarity * 100) / 100,
    });
  }
  return { anomalies: anomalies.filter((a) => !removed.has(a.id)), changes };
}
