import { minerOptionsSchema, type MinerOptionsInput } from './config';
import { clipLine, TOKEN_FIELDS, TokenScanner } from './token-scanner';

export { TOKEN_FIELDS };

/**
 * Lines tokenised and masked ahead of mining, as two typed arrays, so the scanning (most of a line's cost, and
 * independent of every other line) can run on another thread and cross to the miner's as transferable buffers.
 * Line `i`'s tokens are `tokens[TOKEN_FIELDS * lineStarts[i]]` up to `tokens[TOKEN_FIELDS * lineStarts[i + 1]]`,
 * each token its `TokenScanner` fields in the order of {@link TOKEN_FIELDS}. The miner needs the lines themselves
 * only to spell out a token it keeps (a new template's, a tracked word), so they do not travel back.
 */
export interface ScannedBatch {
  /** Per line, the index of its first token; one more entry than lines, the last the total token count. */
  readonly lineStarts: Int32Array;
  /** Per token: hash, start, end, kind, value start, value end. */
  readonly tokens: Int32Array;
}

/** Tokens per line assumed when sizing a batch's token array the first time; it grows when a batch needs more. */
const TOKENS_PER_LINE_GUESS = 16;

/**
 * Scans whole batches of lines the way {@link TemplateMiner} scans each line it mines (same options, same
 * clipping), into a {@link ScannedBatch} for `TemplateMiner.assignScanned` / `mineScanned`. Holds no mining
 * state: any number of them, on any threads, give the miner the same tokens.
 */
export class BatchScanner {
  private readonly scanner: TokenScanner;
  private readonly maxLineLength: number;
  private tokensPerLine = TOKENS_PER_LINE_GUESS;

  constructor(options: MinerOptionsInput = {}) {
    const parsed = minerOptionsSchema.parse(options);
    this.scanner = new TokenScanner(parsed.masking, parsed.extraDelimiters, parsed.maskPatterns);
    this.maxLineLength = parsed.maxLineLength;
  }

  /** Tokenises and masks every line of `lines`; the arrays are new, so they can be transferred. */
  scan(lines: readonly string[]): ScannedBatch {
    const scanner = this.scanner;
    const lineStarts = new Int32Array(lines.length + 1);
    let tokens = new Int32Array(Math.max(lines.length, 1) * this.tokensPerLine * TOKEN_FIELDS);
    let total = 0;
    for (let index = 0; index < lines.length; index++) {
      lineStarts[index] = total;
      const count = scanner.scan(clipLine(lines[index]!, this.maxLineLength));
      if ((total + count) * TOKEN_FIELDS > tokens.length) {
        const grown = new Int32Array(Math.max(tokens.length * 2, (total + count) * TOKEN_FIELDS));
        grown.set(tokens);
        tokens = grown;
      }
      scanner.store(tokens, total * TOKEN_FIELDS, count);
      total += count;
    }
    lineStarts[lines.length] = total;
    // The next batch starts at this one's size: one allocation per batch, rarely a copy.
    this.tokensPerLine = Math.max(TOKENS_PER_LINE_GUESS, Math.ceil(total / Math.max(lines.length, 1)) * 2);
    return { lineStarts, tokens };
  }
}
