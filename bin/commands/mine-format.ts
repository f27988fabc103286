/**
 * `culprit mine --raw`: the input is one source, so its header layout is learnt from its first lines before any line
 * is mined (every line, the first ones included, is then split the same way), and can be shown with --show-format.
 */
import { type SourceFormat, describeLayout } from '../../lambdas/core/log-format';
import type { LineBatch } from '../input/line-reader';

/**
 * Yields `batches` unchanged, after learning `format`'s layout from their first `sampleSize` lines (kept in `sample`):
 * batches are held only until the sample is full, so memory stays one sample's worth.
 */
export async function* learnFromFirstLines(
  batches: AsyncIterable<LineBatch>,
  format: SourceFormat,
  sample: string[],
  sampleSize: number,
): AsyncGenerator<LineBatch> {
  const held: LineBatch[] = [];
  const iterator = batches[Symbol.asyncIterator]();
  while (sample.length < sampleSize) {
    const next = await iterator.next();
    if (next.done === true) break;
    held.push(next.value);
    for (const text of next.value.texts) {
      if (sample.length >= sampleSize) break;
      sample.push(text);
    }
  }
  format.learn(sample);
  yield* held;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return;
    yield next.value;
  }
}

/** What --show-format prints: each learnt layout with an example line, or why none was learnt. */
export function formatReport(format: SourceFormat, sample: readonly string[]): string {
  if (format.layouts.length === 0) {
    return 'format: no consistent header layout in the first lines; each line is read by the built-in header rules\n';
  }
  return `${format.layouts.map((layout) => describeLayout(layout, sample)).join('\n')}\n`;
}
