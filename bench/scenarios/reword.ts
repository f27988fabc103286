/**
 * Benign rewordings of a template's constant text, as a release that only touches log statements makes
 * them: a renamed word, `key: value` written `key=value`, an added field, two words swapped. The variables
 * stay where they are, so the reworded template prints the same values at the same rate.
 */
import type { DatasetTemplate } from './loghub-dataset';
import { Random } from './random';
import type { Reword } from './types';

const WORD = /\b[A-Za-z]{4,}\b/g;

/** `Receiving` → `Rcvng`: the kind of abbreviation a rename produces; never the word itself. */
function abbreviate(word: string): string {
  const short = word[0] + word.slice(1).replace(/[aeiouAEIOU]/g, '');
  return short.length >= 3 && short !== word ? short : `${word}d`;
}

function rename(parts: string[], random: Random): string[] | undefined {
  const words = [...new Set(parts.flatMap((part) => part.match(WORD) ?? []))];
  if (words.length === 0) return undefined;
  const word = random.pick(words);
  const pattern = new RegExp(`\\b${word}\\b`, 'g');
  return parts.map((part) => part.replace(pattern, abbreviate(word)));
}

function keyEquals(parts: string[]): string[] | undefined {
  const pattern = /\b([A-Za-z]\w*): /g;
  if (!parts.some((part) => pattern.test(part))) return undefined;
  return parts.map((part) => part.replace(pattern, '$1='));
}

function addedField(parts: string[], random: Random): string[] {
  const field = random.pick([' region=eu-west-1', ' [tag=canary-off]', ' tenant=default', ' (pool=main)']);
  const last = parts.length - 1;
  return parts.map((part, index) => (index === last ? `${part}${field}` : part));
}

function swap(parts: string[], random: Random): string[] | undefined {
  const candidates: { part: number; match: RegExpExecArray }[] = [];
  parts.forEach((part, index) => {
    for (const match of part.matchAll(/\b([A-Za-z]{3,}) ([A-Za-z]{3,})\b/g)) candidates.push({ part: index, match });
  });
  if (candidates.length === 0) return undefined;
  const { part, match } = random.pick(candidates);
  const [whole, first, second] = match as unknown as [string, string, string];
  if (first === second) return undefined;
  return parts.map((text, index) =>
    index === part ? `${text.slice(0, match.index)}${second} ${first}${text.slice(match.index + whole.length)}` : text,
  );
}

/** The template reworded by `reword`; a rule that finds nothing to change falls back to an added field. */
export function rewordTemplate(template: DatasetTemplate, reword: Reword): DatasetTemplate {
  const random = new Random(reword.seed);
  const parts = [...template.parts];
  const changed =
    reword.rule === 'rename'
      ? rename(parts, random)
      : reword.rule === 'key-equals'
        ? keyEquals(parts)
        : reword.rule === 'swap'
          ? swap(parts, random)
          : addedField(parts, random);
  const final = changed ?? addedField(parts, random);
  return { ...template, id: `${template.id}~${reword.rule}`, parts: final, text: final.join('<*>') };
}
