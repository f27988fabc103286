import { z } from 'zod';
import { userPatternSource } from '../patterns';

/** A user-supplied mask: a token (or the value of a `key=value` token) matching `pattern` becomes `<name>`. */
export const maskPatternSchema = z.object({
  /** Upper-case mask name written into templates as `<NAME>`. */
  name: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'mask names are upper-case words, e.g. ORDER_ID'),
  /** A regular expression (RE2 syntax, run in linear time) matched against a whole token. */
  pattern: userPatternSource,
});

export type MaskPattern = z.infer<typeof maskPatternSchema>;

/**
 * Every miner option and its default, declared once. The defaults are one configuration
 * measured across ten very different public log datasets (see docs/benchmarks.md);
 * nothing here is tuned per dataset.
 */
export const minerOptionsSchema = z.object({
  /**
   * Depth of the prefix tree, counting the root and the token-count level, as in Drain's paper:
   * depth 4 keys leaves by the token count and the first two tokens.
   * @default 4
   */
  depth: z.number().int().min(3).max(16).default(4),
  /**
   * Fraction of positions that must hold the same token for a line to join a template.
   * @default 0.4
   */
  similarityThreshold: z.number().min(0).max(1).default(0.4),
  /**
   * A position where a template's lines hold different words (not masked values) keeps one
   * template per word until it has taken more than this many words; then it becomes a variable.
   * Few words tell templates apart (`initialization` / `finalization`); many are a variable (user names).
   * 0 generalises at once, as classic Drain does.
   * @default 3
   */
  wordVariants: z.number().int().min(0).default(3),
  /**
   * Merge templates that differ only in how many tokens a variable run spans (`1 min 2 s` / `5 s`,
   * lists, quoted strings): see length-families.ts. `false` keeps one template per token count,
   * as classic Drain does.
   * @default true
   */
  lengthFamilies: z.boolean().default(true),
  /**
   * Most children an inner tree node keeps before further tokens share its `<*>` child.
   * @default 100
   */
  maxChildren: z.number().int().min(2).default(100),
  /**
   * Most templates kept; the least recently matched one is evicted past it. `undefined` keeps all.
   * @default undefined
   */
  maxClusters: z.number().int().positive().optional(),
  /**
   * Characters that split tokens in addition to white space.
   * @default []
   */
  extraDelimiters: z.array(z.string().length(1)).default([]),
  /**
   * Mask typed variables (numbers, addresses, ids, …) before clustering.
   * @default true
   */
  masking: z.boolean().default(true),
  /**
   * Extra masks tried on every token before the built-in ones.
   * @default []
   */
  maskPatterns: z.array(maskPatternSchema).default([]),
  /**
   * Characters of a line that are mined; the rest is ignored so one huge line cannot stall the miner.
   * @default 65536
   */
  maxLineLength: z.number().int().positive().default(65536),
});

/** Options as callers write them: every field optional. */
export type MinerOptionsInput = z.input<typeof minerOptionsSchema>;
/** Options with every default filled in. */
export type MinerOptions = z.output<typeof minerOptionsSchema>;
