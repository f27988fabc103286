import { parseConfigFile, redactorFrom } from '../../../lambdas/core/config';
import { TemplateMiner } from '../../../lambdas/core/drain';
import { InvalidInputError } from '../../../lambdas/core/errors';
import { compileUserPattern, MAX_PATTERN_LENGTH, userPatternProblem } from '../../../lambdas/core/patterns';

/** The classic catastrophic pattern and the text that makes a backtracking engine take exponential time. */
const CATASTROPHIC = '(a+)+$';
const HOSTILE = `${'a'.repeat(40)}!`;

/** Milliseconds `run` takes. */
function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

describe('a user pattern', () => {
  it('matches a whole text, not a part of it', () => {
    const order = compileUserPattern('ORD-\\d+', 'mask pattern ORDER');

    expect(order.matchesWhole('ORD-42')).toBe(true);
    expect(order.matchesWhole('xORD-42')).toBe(false);
    expect(order.matchesWhole('ORD-42x')).toBe(false);
  });

  it('replaces every match, reading $1 and $& as String.prototype.replace does', () => {
    const card = compileUserPattern('card=(\\d{4})\\d{12}', 'redaction pattern card');

    expect(card.replaceAll('card=4111111111111111 and card=5500000000000004', '<$1…> [$&]')).toBe(
      '<4111…> [card=4111111111111111] and <5500…> [card=5500000000000004]',
    );
  });

  it('runs a catastrophic pattern in linear time', () => {
    const pattern = compileUserPattern(CATASTROPHIC, 'mask pattern A');

    expect(timed(() => pattern.matchesWhole(HOSTILE))).toBeLessThan(1000);
    expect(timed(() => pattern.replaceAll(HOSTILE, 'x'))).toBeLessThan(1000);
  });

  it('is refused with the pattern and the reason when it needs backtracking (lookaround, backreferences)', () => {
    expect(() => compileUserPattern('secret(?=\\d)', 'mask pattern SECRET')).toThrow(InvalidInputError);
    expect(() => compileUserPattern('secret(?=\\d)', 'mask pattern SECRET')).toThrow(
      /^mask pattern SECRET "secret\(\?=\\\\d\)" is not a regular expression the linear-time engine runs \(RE2 syntax/,
    );
    expect(userPatternProblem('(a)\\1')).toMatch(/RE2 syntax.*\\1/);
  });

  it('is refused when empty or longer than the limit', () => {
    expect(userPatternProblem('')).toBe('is empty');
    expect(userPatternProblem('a'.repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/longer than 1000 characters/);
  });
});

describe('user patterns in the miner and the configuration', () => {
  it('lets the miner mask with a catastrophic pattern at once', () => {
    const miner = new TemplateMiner({ maskPatterns: [{ name: 'AS', pattern: CATASTROPHIC }] });

    const elapsed = timed(() => miner.mine(`value ${HOSTILE} rejected`));

    expect(elapsed).toBeLessThan(1000);
    expect(miner.mine(`value ${'a'.repeat(40)} rejected`).template).toBe('value <AS> rejected');
  });

  it('lets the CLI redactions run a catastrophic pattern at once', () => {
    const redact = redactorFrom(
      parseConfigFile({ redactionPatterns: [{ name: 'as', pattern: CATASTROPHIC, replacement: '<AS>' }] }),
    );

    let out = '';
    const elapsed = timed(() => {
      out = redact(`value ${HOSTILE}`);
    });

    expect(elapsed).toBeLessThan(1000);
    expect(out).toBe(`value ${HOSTILE}`);
  });

  it('rejects a pattern the engine cannot run when the configuration is loaded, naming the pattern', () => {
    expect(() => parseConfigFile({ maskPatterns: [{ name: 'ORDER', pattern: '(?<!x)ord-\\d+' }] })).toThrow(
      /maskPatterns\[0\]\.pattern: "\(\?<!x\)ord-\\\\d\+" is not a regular expression the linear-time engine runs/,
    );
  });
});
