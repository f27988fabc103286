import {
  normaliseDeployEvent,
  UnrecognisedDeployEventError,
  type NormaliseOutcome,
} from '../../../lambdas/core/deploys';
import type { Deploy } from '../../../lambdas/core/schemas';
import {
  codeDeploySuccess,
  culpritDeploy,
  ecsDeploymentCompleted,
  lambdaPublishVersion,
  lambdaUpdateAlias,
  lambdaUpdateFunctionCode,
  stackStatusChange,
} from './fixtures/deploy-events';

function deployOf(outcome: NormaliseOutcome): Deploy {
  if (outcome.kind !== 'deploy') throw new Error(`expected a deploy, got ignored: ${outcome.reason}`);
  return outcome.deploy;
}

function rejection(event: unknown): UnrecognisedDeployEventError {
  try {
    normaliseDeployEvent(event, {});
  } catch (error) {
    if (error instanceof UnrecognisedDeployEventError) return error;
    throw error;
  }
  throw new Error('expected the event to be rejected');
}

describe('normaliseDeployEvent with CodeDeploy events', () => {
  it('reads a successful deployment as a deploy of its application at the event time', () => {
    const deploy = deployOf(normaliseDeployEvent(codeDeploySuccess(), {}));

    expect(deploy).toEqual({
      id: 'codedeploy:d-8JCDAF2BW',
      service: 'checkout',
      timestamp: Date.parse('2024-03-07T14:02:31Z'),
      description: 'CodeDeploy deployment d-8JCDAF2BW of checkout/production succeeded',
      source: 'codedeploy',
      url: 'https://us-east-1.console.aws.amazon.com/codesuite/codedeploy/deployments/d-8JCDAF2BW?region=us-east-1',
    });
  });

  it('maps application/deploymentGroup before the application name', () => {
    const services = { checkout: 'checkout-web', 'checkout/production': 'checkout-prod' };

    const deploy = deployOf(normaliseDeployEvent(codeDeploySuccess(), services));

    expect(deploy.service).toBe('checkout-prod');
  });

  it('ignores a deployment that did not succeed', () => {
    const outcome = normaliseDeployEvent(codeDeploySuccess({ detail: { state: 'FAILURE' } }), {});

    expect(outcome).toEqual({ kind: 'ignored', reason: 'CodeDeploy deployment d-8JCDAF2BW is FAILURE, not SUCCESS' });
  });

  it('rejects a deployment without a deployment id, naming the path', () => {
    const event = codeDeploySuccess();
    delete (event.detail as Record<string, unknown>).deploymentId;

    const error = rejection(event);

    expect(error.problems).toEqual([expect.stringMatching(/^detail\.deploymentId: /)]);
    expect(error.message).toContain('aws.codedeploy / CodeDeploy Deployment State-change Notification');
  });
});

describe('normaliseDeployEvent with ECS events', () => {
  it('reads a completed service deployment at the time ECS says it updated, with its reason', () => {
    const deploy = deployOf(normaliseDeployEvent(ecsDeploymentCompleted(), {}));

    expect(deploy).toEqual({
      id: 'ecs:prod-cluster/payments:ecs-svc/6629184995452776901',
      service: 'payments',
      timestamp: Date.parse('2024-03-07T14:09:47Z'),
      description: 'ECS deployment ecs-svc/6629184995452776901 completed.',
      source: 'ecs',
    });
  });

  it('maps cluster/service before the bare service name', () => {
    const services = { payments: 'payments-any', 'prod-cluster/payments': 'payments-prod' };

    expect(deployOf(normaliseDeployEvent(ecsDeploymentCompleted(), services)).service).toBe('payments-prod');
  });

  it('reads the old service ARN form that has no cluster in it', () => {
    const event = ecsDeploymentCompleted({
      event: { resources: ['arn:aws:ecs:us-west-2:111122223333:service/payments'] },
    });

    const deploy = deployOf(normaliseDeployEvent(event, {}));

    expect(deploy.service).toBe('payments');
    expect(deploy.id).toBe('ecs:payments:ecs-svc/6629184995452776901');
  });

  it('ignores a deployment that is still in progress', () => {
    const outcome = normaliseDeployEvent(
      ecsDeploymentCompleted({ detail: { eventName: 'SERVICE_DEPLOYMENT_IN_PROGRESS' } }),
      {},
    );

    expect(outcome.kind).toBe('ignored');
  });

  it('rejects an event whose resources name no ECS service', () => {
    const error = rejection(
      ecsDeploymentCompleted({ event: { resources: ['arn:aws:ecs:us-west-2:111122223333:cluster/prod-cluster'] } }),
    );

    expect(error.message).toMatch(/names no ECS service.*resources: expected an ECS service ARN/);
  });
});

describe('normaliseDeployEvent with CloudFormation events', () => {
  it('reads an updated stack as a deploy of the stack, keyed by the event id', () => {
    const deploy = deployOf(normaliseDeployEvent(stackStatusChange(), {}));

    expect(deploy).toEqual({
      id: 'cloudformation:6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      service: 'orders-api',
      timestamp: Date.parse('2024-03-07T18:43:48Z'),
      description:
        'stack orders-api reached UPDATE_COMPLETE (Console-UpdateStack-7f59c3cf-00d2-40c7-b2ff-e75db0987002)',
      source: 'cloudformation',
      url: `https://us-west-1.console.aws.amazon.com/cloudformation/home?region=us-west-1#/stacks/stackinfo?stackId=${encodeURIComponent(
        'arn:aws:cloudformation:us-west-1:111122223333:stack/orders-api/f0e2d4a0-e76b-11e7-a0d0-0a1b2c3d4e5f',
      )}`,
    });
  });

  it('reads a created stack too and maps the stack name', () => {
    const event = stackStatusChange({ detail: { 'status-details': { status: 'CREATE_COMPLETE' } } });

    expect(deployOf(normaliseDeployEvent(event, { 'orders-api': 'orders' })).service).toBe('orders');
  });

  it('ignores a stack that rolled back', () => {
    const event = stackStatusChange({ detail: { 'status-details': { status: 'UPDATE_ROLLBACK_COMPLETE' } } });

    expect(normaliseDeployEvent(event, {}).kind).toBe('ignored');
  });

  it('rejects a stack id that is not a stack ARN', () => {
    const error = rejection(stackStatusChange({ detail: { 'stack-id': 'orders-api' } }));

    expect(error.problems).toEqual([expect.stringMatching(/^detail\.stack-id: expected arn/)]);
  });
});

describe('normaliseDeployEvent with Lambda API calls from CloudTrail', () => {
  it('reads UpdateFunctionCode as a deploy of the function by whoever called it, without the meaningless $LATEST', () => {
    const deploy = deployOf(normaliseDeployEvent(lambdaUpdateFunctionCode(), {}));

    expect(deploy).toEqual({
      id: 'lambda:4672b74f-2466-4784-b3fb-5b4db904a995',
      service: 'inventory-sync',
      timestamp: Date.parse('2024-03-07T09:14:58Z'),
      description: 'new code for inventory-sync (sha256 kZ4XQw9WgT3v0n6Yj1Xo5e0mQvJ8c2u7b3Xk9pL1aBc=)',
      source: 'lambda',
      author: 'arn:aws:sts::123456789012:assumed-role/DeployRole/github-actions',
    });
  });

  it('reads PublishVersion with the published version, taking the function name out of an ARN', () => {
    const deploy = deployOf(normaliseDeployEvent(lambdaPublishVersion(), {}));

    expect(deploy.service).toBe('inventory-sync');
    expect(deploy.version).toBe('42');
    expect(deploy.description).toBe('published version 42 of inventory-sync');
  });

  it('reads UpdateAlias with the version the alias now serves and maps name:alias first', () => {
    const services = { 'inventory-sync': 'inventory', 'inventory-sync:live': 'inventory-live' };

    const deploy = deployOf(normaliseDeployEvent(lambdaUpdateAlias(), services));

    expect(deploy).toMatchObject({
      service: 'inventory-live',
      version: '42',
      description: 'alias inventory-sync:live now points at version 42',
    });
  });

  it('ignores an API call that failed, because nothing was deployed', () => {
    const event = lambdaUpdateFunctionCode({
      detail: {
        errorCode: 'ResourceConflictException',
        errorMessage: 'An update is in progress',
        responseElements: null,
      },
    });

    expect(normaliseDeployEvent(event, {})).toEqual({
      kind: 'ignored',
      reason: 'UpdateFunctionCode20150331v2 failed with ResourceConflictException; nothing was deployed',
    });
  });

  it('ignores a Lambda API call that does not deploy code', () => {
    const event = lambdaUpdateFunctionCode({ detail: { eventName: 'UpdateFunctionConfiguration20150331v2' } });

    expect(normaliseDeployEvent(event, {}).kind).toBe('ignored');
  });

  it('rejects a call that names no function', () => {
    const error = rejection(lambdaUpdateFunctionCode({ detail: { requestParameters: null } }));

    expect(error.message).toContain('names no function');
  });
});

describe('normaliseDeployEvent with custom culprit.deploy events', () => {
  it('reads service, version, commit and description, at the event time', () => {
    const deploy = deployOf(normaliseDeployEvent(culpritDeploy(), {}));

    expect(deploy).toEqual({
      id: 'culprit:b5a1f7c2-3d4e-4f5a-8b9c-0d1e2f3a4b5c',
      service: 'search',
      timestamp: Date.parse('2024-03-07T11:00:05Z'),
      version: 'v2.14.0',
      commit: '9f3c2a1',
      description: 'tune the ranking cache',
      source: 'ci',
    });
  });

  it('keeps an id and a timestamp the sender gave, so a retried PutEvents stores one deploy', () => {
    const first = culpritDeploy({ detail: { id: 'release-2024-03-07-1', timestamp: '2024-03-07T10:58:00.250Z' } });
    const retried = culpritDeploy({
      event: { id: 'another-event-id', time: '2024-03-07T11:01:00Z' },
      detail: { id: 'release-2024-03-07-1', timestamp: '2024-03-07T10:58:00.250Z' },
    });

    const a = deployOf(normaliseDeployEvent(first, {}));
    const b = deployOf(normaliseDeployEvent(retried, {}));

    expect(a).toEqual(b);
    expect(a.timestamp).toBe(Date.parse('2024-03-07T10:58:00.250Z'));
  });

  it('applies the service mapping to the reported service', () => {
    expect(deployOf(normaliseDeployEvent(culpritDeploy(), { search: 'search-api' })).service).toBe('search-api');
  });

  it('rejects a misspelt field instead of losing it, and a missing version, naming both', () => {
    const event = culpritDeploy({ detail: { commmit: 'abc', version: undefined } });
    delete (event.detail as Record<string, unknown>).version;

    const error = rejection(event);

    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^detail\.version: /),
        expect.stringMatching(/^detail: .*commmit/),
      ]),
    );
  });
});

describe('normaliseDeployEvent with events it does not know', () => {
  it('rejects an unknown source and detail-type, naming the ones it knows', () => {
    const event = codeDeploySuccess({
      event: { source: 'aws.codepipeline', 'detail-type': 'CodePipeline Pipeline Execution State Change' },
    });

    const error = rejection(event);

    expect(error.message).toContain('"aws.codepipeline"');
    expect(error.message).toContain('known: aws.codedeploy / CodeDeploy Deployment State-change Notification');
  });

  it('rejects a culprit.deploy event with another detail-type rather than guessing', () => {
    expect(rejection(culpritDeploy({ event: { 'detail-type': 'Deploy' } })).message).toContain(
      'no deploy reader handles',
    );
  });

  it('rejects something that is not an EventBridge event, listing every missing field', () => {
    const error = rejection({ Records: [] });

    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^id: /),
        expect.stringMatching(/^detail-type: /),
        expect.stringMatching(/^source: /),
        expect.stringMatching(/^time: /),
      ]),
    );
  });

  it('names the event when its timestamp cannot be read', () => {
    const error = rejection(ecsDeploymentCompleted({ detail: { updatedAt: 'yesterday' } }));

    expect(error.problems).toEqual(['detail.updatedAt: not an ISO-8601 timestamp: "yesterday"']);
  });
});
