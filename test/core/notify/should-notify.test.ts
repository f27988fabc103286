import { isResolved, notifiedStateOf, shouldNotify, type NotifiedState } from '../../../lambdas/core/notify';
import { anomaly, suspect, verdict } from './verdict-factory';

const base: NotifiedState = { blamed: 'd1', confidence: 0.5, resolved: false };

describe('shouldNotify', () => {
  it('posts the first verdict of an incident', () => {
    expect(shouldNotify(undefined, base).action).toBe('post');
  });

  it('updates when another deploy is blamed', () => {
    expect(shouldNotify(base, { ...base, blamed: 'd2' })).toEqual({
      action: 'update',
      reason: 'blamed deploy changed from d1 to d2',
    });
  });

  it('updates when no deploy is blamed any more', () => {
    expect(shouldNotify(base, { ...base, blamed: null }).action).toBe('update');
  });

  it('updates when the confidence moves by 0.15 or more, either way', () => {
    expect(shouldNotify(base, { ...base, confidence: 0.65 }).action).toBe('update');
    expect(shouldNotify({ ...base, confidence: 0.6 }, { ...base, confidence: 0.45 }).action).toBe('update');
  });

  it('stays quiet when the confidence moves by less than 0.15', () => {
    expect(shouldNotify(base, { ...base, confidence: 0.64 })).toEqual({ action: 'skip', reason: 'no material change' });
  });

  it('updates when the incident resolves, once', () => {
    expect(shouldNotify(base, { ...base, resolved: true }).action).toBe('update');
    expect(shouldNotify({ ...base, resolved: true }, { ...base, resolved: true }).action).toBe('skip');
  });

  it('updates when an incident whose withdrawal was sent stands again, even with the verdict it had', () => {
    expect(shouldNotify({ ...base, withdrawn: true }, base)).toEqual({
      action: 'update',
      reason: 'the withdrawn incident stands again',
    });
  });
});

describe('notifiedStateOf', () => {
  it('takes the blamed deploy, its confidence and whether every anomaly has ended', () => {
    const ended = verdict({ anomalies: [anomaly({ active: false })] });

    expect(notifiedStateOf(ended)).toEqual({ blamed: 'codedeploy:d-ABC123', confidence: 0.82, resolved: true });
    expect(isResolved(verdict())).toBe(false);
  });

  it("shows the top suspect's confidence when nobody is blamed", () => {
    const unblamed = verdict({ suspects: [suspect({ blamed: false, confidence: 0.3 })] });

    expect(notifiedStateOf(unblamed)).toEqual({ blamed: null, confidence: 0.3, resolved: false });
  });
});
