import { Aws, Stack } from 'aws-cdk-lib';
import { ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  CfnAccountPolicy,
  FilterPattern,
  LogGroup,
  SubscriptionFilter,
  type CfnSubscriptionFilter,
  type ILogGroup,
  type ILogSubscriptionDestination,
} from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { Construct, type IConstruct } from 'constructs';
import { CulpritError } from '../../lambdas/core/errors';
import { SUBSCRIPTION_DEFAULTS } from '../defaults';

/**
 * Where subscribed deliveries go: the ingest function itself (`ingestTransport: 'lambda'`), or the Kinesis
 * stream ingest reads, written with `role` (`ingestTransport: 'kinesis'`).
 */
export type IngestDestination =
  | { readonly kind: 'function'; readonly function: IFunction }
  | { readonly kind: 'stream'; readonly stream: IStream; readonly role: IRole };

export interface LogSubscriptionsProps {
  readonly destination: IngestDestination;
  /** Log groups subscribed one by one. */
  readonly logGroupNames: readonly string[];
  /** When set, an account-level subscription policy delivers every log group; ingest keeps the prefix. */
  readonly logGroupPrefix?: string;
  /** Culprit's own log groups, which the account-level policy must never deliver (it would feed itself). */
  readonly ownLogGroups: readonly ILogGroup[];
  readonly filterPattern: string;
}

/** CloudWatch Logs → ingest (or its stream): a subscription filter per listed log group, or one account-level policy. */
export class LogSubscriptions extends Construct {
  readonly filters: readonly SubscriptionFilter[];
  readonly accountPolicy?: CfnAccountPolicy;

  constructor(scope: Construct, id: string, props: LogSubscriptionsProps) {
    super(scope, id);
    const pattern = props.filterPattern === '' ? FilterPattern.allEvents() : FilterPattern.literal(props.filterPattern);
    const target = props.destination;
    const perGroupPermissions =
      props.logGroupPrefix === undefined &&
      props.logGroupNames.length <= SUBSCRIPTION_DEFAULTS.perLogGroupPermissionLimit;
    // A stream is written with the role; only a function needs a resource policy letting CloudWatch Logs invoke it.
    const accountWidePermission =
      target.kind === 'function' && !perGroupPermissions ? this.allowLogsToInvoke(target.function) : undefined;

    this.filters = props.logGroupNames.map((name, index) => {
      const filter = new SubscriptionFilter(this, `Filter${index}`, {
        logGroup: LogGroup.fromLogGroupName(this, `LogGroup${index}`, name),
        destination:
          target.kind === 'function'
            ? // With per-group permissions, LambdaDestination adds one scoped to this log group.
              new LambdaDestination(target.function, { addPermissions: perGroupPermissions })
            : streamDestination(target.stream, target.role),
        filterPattern: pattern,
      });
      // Spread a busy log stream's deliveries over the shards (the default groups them by log stream).
      if (target.kind === 'stream') (filter.node.defaultChild as CfnSubscriptionFilter).distribution = 'Random';
      if (accountWidePermission !== undefined) filter.node.addDependency(accountWidePermission);
      return filter;
    });

    if (props.logGroupPrefix !== undefined) {
      const excluded = props.ownLogGroups.map((group) => `"${group.logGroupName}"`).join(', ');
      this.accountPolicy = new CfnAccountPolicy(this, 'PrefixPolicy', {
        policyName: `${Aws.STACK_NAME}-culprit-ingest`,
        policyType: 'SUBSCRIPTION_FILTER_POLICY',
        scope: 'ALL',
        // The only selection CloudWatch Logs offers is "NOT IN"; the prefix is applied by ingest.
        selectionCriteria: `LogGroupName NOT IN [${excluded}]`,
        policyDocument: Stack.of(this).toJsonString({
          ...(target.kind === 'function'
            ? { DestinationArn: target.function.functionArn }
            : { DestinationArn: target.stream.streamArn, RoleArn: target.role.roleArn }),
          FilterPattern: pattern.logPatternString,
          Distribution: 'Random',
        }),
      });
      // The stream and role are referenced (Fn::GetAtt inside the JSON), so CloudFormation orders them; the invoke
      // permission is not, and without it CloudWatch Logs' test delivery fails.
      if (accountWidePermission !== undefined) this.accountPolicy.node.addDependency(accountWidePermission);
    }
  }

  /** One invoke permission for CloudWatch Logs of this account and region, instead of one per log group. */
  private allowLogsToInvoke(destination: IFunction): IConstruct {
    destination.addPermission('InvokeFromCloudWatchLogs', {
      principal: new ServicePrincipal('logs.amazonaws.com'),
      sourceAccount: Aws.ACCOUNT_ID,
      sourceArn: `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
    });
    const permission = destination.node.tryFindChild('InvokeFromCloudWatchLogs');
    if (permission === undefined)
      throw new CulpritError('Culprit: the CloudWatch Logs invoke permission was not created');
    return permission;
  }
}

/**
 * The stream as a subscription destination, written with `role` as it is. Unlike `KinesisDestination`, it grants
 * the role nothing: `LogStream` gives it exactly kinesis:PutRecord on the stream (KinesisDestination would add
 * ListShards, PutRecords and iam:PassRole on the role itself).
 */
function streamDestination(stream: IStream, role: IRole): ILogSubscriptionDestination {
  return { bind: () => ({ arn: stream.streamArn, role }) };
}
