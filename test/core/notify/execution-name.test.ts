import { deployToAct, executionName, MAX_EXECUTION_NAME } from '../../../lambdas/core/notify';
import { suspect, verdict } from './verdict-factory';

describe('executionName', () => {
  it('is the same for the same incident and deploy', () => {
    expect(executionName('inc-2024-03-05T10:03:00.000Z', 'codedeploy:d-ABC123')).toBe(
      executionName('inc-2024-03-05T10:03:00.000Z', 'codedeploy:d-ABC123'),
    );
  });

  it('uses only letters, digits, dashes and underscores, at most 80 of them', () => {
    const name = executionName(
      `inc-${'x'.repeat(200)} :/"#%`,
      'arn:aws:ecs:eu-west-1:123456789012:service/shop/checkout',
    );

    expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(name.length).toBeLessThanOrEqual(MAX_EXECUTION_NAME);
  });

  it('keeps pairs apart that sanitise to the same text', () => {
    expect(executionName('inc:1', 'd/1')).not.toBe(executionName('inc-1', 'd-1'));
  });

  it('stays readable: starts with the incident id', () => {
    expect(executionName('inc-2024-03-05T10:03:00.000Z', 'd-1')).toMatch(
      /^inc-2024-03-05T10-03-00-000Z_d-1-[0-9a-f]{16}$/,
    );
  });
});

describe('deployToAct', () => {
  it('returns the blamed deploy when it reaches the confidence', () => {
    expect(deployToAct(verdict(), 0.8)?.deployId).toBe('codedeploy:d-ABC123');
  });

  it('returns nothing below the confidence or when nobody is blamed', () => {
    expect(deployToAct(verdict(), 0.9)).toBeUndefined();
    expect(deployToAct(verdict({ suspects: [suspect({ blamed: false })], blamed: null }), 0.1)).toBeUndefined();
  });
});
