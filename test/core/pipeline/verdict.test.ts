import { verdictKey } from '../../../lambdas/core/pipeline';
import { verdict } from '../notify/verdict-factory';

describe('verdictKey', () => {
  it('changes when an early verdict becomes firm or the nature changes, so the change is announced', () => {
    const early = verdict({ provisional: true });

    expect(verdictKey(early)).not.toBe(verdictKey(verdict({ provisional: false })));
    expect(verdictKey(early)).not.toBe(verdictKey(verdict({ provisional: true, nature: 'behaviour-change' })));
  });

  it('stays the same when only confidences and counts move', () => {
    expect(verdictKey(verdict({ score: 0.5, anomalyCount: 9, unexplained: 0.1 }))).toBe(verdictKey(verdict()));
  });
});
