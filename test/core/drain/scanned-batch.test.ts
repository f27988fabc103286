/**
 * Lines scanned ahead by a `BatchScanner` (as `culprit mine`'s workers do) must be mined exactly as lines the miner
 * scans itself: same results line by line, same templates, same snapshot.
 */
import { BatchScanner, TemplateMiner, type MineResult, type MinerOptionsInput } from '../../../lambdas/core/drain';
import { LOGHUB_DATASETS } from '../../../bench/loghub';
import { rawLines } from './loghub-lines';

/** Batches of uneven sizes, so batch boundaries fall anywhere in a dataset. */
function inBatches(lines: readonly string[]): string[][] {
  const batches: string[][] = [];
  for (let start = 0, size = 1; start < lines.length; start += size, size = (size * 7) % 613) {
    batches.push(lines.slice(start, start + size));
  }
  return batches;
}

function mineBoth(lines: readonly string[], options: MinerOptionsInput) {
  const direct = new TemplateMiner(options);
  const directResults: MineResult[] = lines.map((line) => direct.mine(line));
  const ahead = new TemplateMiner(options);
  const scanner = new BatchScanner(options);
  const aheadResults: MineResult[] = [];
  for (const batch of inBatches(lines)) {
    const scanned = scanner.scan(batch);
    for (const [index, line] of batch.entries()) aheadResults.push(ahead.mineScanned(line, scanned, index));
  }
  return { direct, directResults, ahead, aheadResults };
}

describe('BatchScanner', () => {
  it.each(LOGHUB_DATASETS)('lets the miner mine the %s lines as if it had scanned them itself', (name) => {
    // Act
    const { direct, directResults, ahead, aheadResults } = mineBoth(rawLines(name), {});

    // Assess
    expect(aheadResults.map((result) => ({ ...result }))).toEqual(directResults.map((result) => ({ ...result })));
    expect(ahead.templates()).toEqual(direct.templates());
    expect(ahead.toSnapshot()).toEqual(direct.toSnapshot());
  });

  it.each([
    ['user masks', { maskPatterns: [{ name: 'CORE', pattern: 'core\\.\\d+' }] }],
    ['extra delimiters', { extraDelimiters: [',', '='] }],
    ['masking off', { masking: false }],
    ['clipped lines', { maxLineLength: 40 }],
    ['classic Drain', { wordVariants: 0, lengthFamilies: false, depth: 5 }],
  ])('scans as the miner does with %s', (_, options: MinerOptionsInput) => {
    // Prepare
    const lines = [...rawLines('BGL'), ...rawLines('Spark'), '', '   ', `${'x'.repeat(100)} 42`];

    // Act
    const { direct, directResults, ahead, aheadResults } = mineBoth(lines, options);

    // Assess
    expect(aheadResults.map((result) => ({ ...result }))).toEqual(directResults.map((result) => ({ ...result })));
    expect(ahead.toSnapshot()).toEqual(direct.toSnapshot());
  });

  it('assigns scanned lines the ids assign() gives', () => {
    // Prepare
    const lines = rawLines('OpenSSH');
    const direct = new TemplateMiner();
    const ahead = new TemplateMiner();
    const scanned = new BatchScanner().scan(lines);

    // Act
    const directIds = lines.map((line) => direct.assign(line));
    const aheadIds = lines.map((line, index) => ahead.assignScanned(line, scanned, index));

    // Assess
    expect(aheadIds).toEqual(directIds);
    expect(ahead.templates()).toEqual(direct.templates());
  });
});
