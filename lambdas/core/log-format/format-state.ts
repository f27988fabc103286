/**
 * The stored form of a {@link SourceFormat}, checked when it is read back: a state of another version, or one that
 * does not parse, gives a fresh format (its layout is learnt again from the next lines) rather than an error — a
 * layout is a cache of what the lines show, never something only the state knows.
 */
import { z } from 'zod';
import { INFERENCE_DEFAULTS } from './inference-defaults';
import {
  SOURCE_FORMAT_DEFAULTS,
  SourceFormat,
  type SourceFormatOptions,
  type SourceFormatState,
} from './source-format';

/** Most header columns a stored layout may have: far more than any header (bounds a state item's size). */
const MAX_COLUMNS = 32;

const valuesSchema = z.array(z.string().max(128)).max(INFERENCE_DEFAULTS.maxValues);

const columnSchema = z.object({
  kind: z.enum(['time', 'level', 'number', 'id', 'bracket', 'separator', 'name']),
  parts: z.number().int().positive().max(8),
  shapes: valuesSchema.optional(),
  values: valuesSchema.optional(),
  endsWith: z.string().length(1).optional(),
  weak: z.literal(true).optional(),
  opens: z.string().length(1).optional(),
  optional: z.literal(true).optional(),
});

const stateSchema = z.object({
  version: z.literal(1),
  layouts: z
    .array(
      z.object({
        split: z.enum(['blank', 'tab', 'pipe']),
        columns: z.array(columnSchema).max(MAX_COLUMNS),
        inner: z.array(columnSchema).max(MAX_COLUMNS).optional(),
        coverage: z.number().min(0).max(1),
      }),
    )
    .max(SOURCE_FORMAT_DEFAULTS.maxLayouts),
});

/** The stored state as a SourceFormatState, or undefined when it is of another version or malformed. */
export function parseSourceFormatState(stored: unknown): SourceFormatState | undefined {
  const parsed = stateSchema.safeParse(stored);
  if (!parsed.success) return undefined;
  // zod leaves optional keys out when absent, which is what exactOptionalPropertyTypes asks of a LayoutColumn.
  return parsed.data as SourceFormatState;
}

/** A SourceFormat resumed from `stored` (a {@link SourceFormat.state} read back), or a fresh one. */
export function restoreSourceFormat(stored: unknown, options?: SourceFormatOptions): SourceFormat {
  return new SourceFormat(options, parseSourceFormatState(stored));
}
