/**
 * `--since` / `--until` for reading logs from CloudWatch: a duration before now (`90s`, `15m`, `2h`, `1d`,
 * `1h30m`), `now`, or an ISO-8601 time with a zone (`2024-03-12T09:00:00Z`).
 */
import { z } from 'zod';
import { InvalidInputError } from '../../lambdas/core/errors';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(?:\d+(?:\.\d+)?[smhdw])+$/;
const PART = /(\d+(?:\.\d+)?)([smhdw])/g;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

const timeBoundSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((text) => text === 'now' || DURATION.test(text) || ISO_WITH_ZONE.test(text.toUpperCase()), {
    message:
      'expected a duration before now (30m, 2h, 1d, 1h30m), "now", or an ISO-8601 time with a zone (2024-03-12T09:00:00Z)',
  });

/** Milliseconds of a duration such as `1h30m`. */
function durationMs(text: string): number {
  let total = 0;
  for (const match of text.matchAll(PART)) total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
  return total;
}

/** Epoch ms of one bound; `option` names it in errors (`--since`). */
export function parseTimeBound(text: string, now: number, option = '--since'): number {
  const parsed = timeBoundSchema.safeParse(text);
  if (!parsed.success)
    throw new InvalidInputError(`${option} ${JSON.stringify(text)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const value = parsed.data;
  if (value === 'now') return now;
  if (DURATION.test(value)) return now - durationMs(value);
  const ms = Date.parse(value.toUpperCase());
  if (Number.isNaN(ms)) throw new InvalidInputError(`${option} ${JSON.stringify(text)}: not a real date`);
  return ms;
}

/** [since, until] in epoch ms; `until` defaults to now. */
export function parseTimeRange(
  since: string,
  until: string | undefined,
  now: number,
): { since: number; until: number } {
  const from = parseTimeBound(since, now, '--since');
  const to = until === undefined ? now : parseTimeBound(until, now, '--until');
  if (from > to) throw new InvalidInputError(`--since ${since} is after --until ${until ?? 'now'}`);
  return { since: from, until: to };
}
