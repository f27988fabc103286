import { InvalidInputError } from '../../../lambdas/core/errors';
import { judgeDeploy, parseVerifyInput } from '../../../lambdas/core/verify';
import {
  apacheErrors,
  DEPLOY_TIME,
  merged,
  MINUTE,
  steadyHdfs,
  type TimedLine,
} from '../../lambdas/verify/verify-lines';

const request = parseVerifyInput({
  service: 'hdfs',
  deployTime: new Date(DEPLOY_TIME).toISOString(),
  logGroup: '/ecs/hdfs',
});
const asEvents = (lines: TimedLine[]) => lines.map((l) => ({ ...l, service: 'hdfs' }));

describe('parseVerifyInput', () => {
  it('accepts ISO or epoch-ms deploy times, one log group or several, and defaults the window to 30 minutes', () => {
    const fromMs = parseVerifyInput({
      service: 'hdfs',
      deployTime: DEPLOY_TIME,
      logGroups: ['/a', '/b'],
      logGroup: '/a',
    });

    expect(request).toEqual({
      service: 'hdfs',
      deployId: 'verify-hdfs-2024-03-05T10:00:00.000Z',
      deployTime: DEPLOY_TIME,
      logGroups: ['/ecs/hdfs'],
      windowMs: 30 * MINUTE,
    });
    expect(fromMs.logGroups).toEqual(['/a', '/b']);
    expect(fromMs.deployTime).toBe(DEPLOY_TIME);
  });

  it('names every bad field of an input', () => {
    expect(() => parseVerifyInput({ service: '', deployTime: 'yesterday', logGroup: '/a', windowMinutes: 0 })).toThrow(
      InvalidInputError,
    );
    expect(() => parseVerifyInput({ service: '', deployTime: 'yesterday', logGroup: '/a', windowMinutes: 0 })).toThrow(
      /service: .*; deployTime: not an ISO-8601 timestamp.*; windowMinutes: /,
    );
  });

  it('asks for a log group when none is given', () => {
    expect(() => parseVerifyInput({ service: 'x', deployTime: DEPLOY_TIME })).toThrow(
      'verify input: logGroups: logGroup or logGroups is required',
    );
  });
});

describe('judgeDeploy', () => {
  it('calls a deploy healthy when the service logs the same templates before and after it', async () => {
    const events = asEvents(steadyHdfs(DEPLOY_TIME - 30 * MINUTE, DEPLOY_TIME + 30 * MINUTE, 2000));

    const result = await judgeDeploy(request, events);

    expect(result).toMatchObject({ verdict: 'healthy', confidence: 1, linesBefore: 900, linesAfter: 900 });
    expect(result.evidence[0]).toMatch(/^no anomaly in hdfs in the 30 min after the deploy/);
  });

  it('calls a deploy suspect when new error templates appear after it', async () => {
    const events = asEvents(
      merged(
        steadyHdfs(DEPLOY_TIME - 30 * MINUTE, DEPLOY_TIME + 30 * MINUTE, 2000),
        apacheErrors(DEPLOY_TIME + 2 * MINUTE, DEPLOY_TIME + 30 * MINUTE, 5000),
      ),
    );

    const result = await judgeDeploy(request, events);

    expect(result.verdict).toBe('suspect');
    expect(result.confidence).toBeGreaterThan(0.9);
    expect(result.evidence.join('\n')).toContain(
      'new error template "mod_jk child workerEnv in error state <NUM>" 2 min after the deploy (0 lines before, 120 after)',
    );
  });

  it('calls a deploy suspect when its service stops logging after it', async () => {
    const events = asEvents(steadyHdfs(DEPLOY_TIME - 30 * MINUTE, DEPLOY_TIME, 2000));

    const result = await judgeDeploy(request, events);

    expect(result).toMatchObject({ verdict: 'suspect', linesAfter: 0 });
  });
});
