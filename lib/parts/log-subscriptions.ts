import { Aws, Stack } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnAccountPolicy, FilterPattern, LogGroup, SubscriptionFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { Construct, type IConstruct } from 'constructs';
import { CulpritError } from '../../lambdas/core/errors';
import { SUBSCRIPTION_DEFAULTS } from '../defaults';

export interface LogSubscriptionsProps {
  readonly destination: IFunction;
  /** Log groups subscribed one by one. */
  readonly logGroupNames: readonly string[];
  /** When set, an account-level subscription policy delivers every log group; ingest keeps the prefix. */
  readonly logGroupPrefix?: string;
  /** Culprit's own log groups, which the account-level policy must never deliver (it would feed itself). */
  readonly ownLogGroups: readonly ILogGroup[];
  readonly filterPattern: string;
}

/** CloudWatch Logs → ingest: a subscription filter per listed log group, or one account-level policy. */
export class LogSubscriptions extends Construct {
  readonly filters: readonly SubscriptionFilter[];
  readonly accountPolicy?: CfnAccountPolicy;

  constructor(scope: Construct, id: string, props: LogSubscriptionsProps) {
    super(scope, id);
    const pattern = props.filterPattern === '' ? FilterPattern.allEvents() : FilterPattern.literal(props.filterPattern);
    const perGroupPermissions = props.logGroupPrefix === undefined && props.logGroupNames.length <= SUBSCRIPTION_DEFAULTS.perLogGroupPermissionLimit;
    const accountWidePermission = perGroupPermissions ? undefined : this.allowLogsToInvoke(props.destination);

    this.filters = props.logGroupNames.map((name, index) => {
      const filter = new SubscriptionFilter(this, `Filter${index}`, {
        logGroup: LogGroup.fromLogGroupName(this, `LogGroup${index}`, name),
        // With per-group permissions, LambdaDestination adds one scoped to this log group.
        destination: new LambdaDestination(props.destination, { addPermissions: perGroupPermissions }),
        filterPattern: pattern,
      });
      if (accountWidePermission !== undefined) filter.node.addDependency(accountWidePermission);
      return filter;
    });

    if (props.logGroupPrefix !== undefined && accountWidePermission !== undefined) {
      const excluded = props.ownLogGroups.map((group) => `"${group.logGroupName}"`).join(', ');
      this.accountPolicy = new CfnAccountPolicy(this, 'PrefixPolicy', {
        policyName: `${Aws.STACK_NAME}-culprit-ingest`,
        policyType: 'SUBSCRIPTION_FILTER_POLICY',
        scope: 'ALL',
        // The only selection CloudWatch Logs offers is "NOT IN"; the prefix is applied by ingest.
        selectionCriteria: `LogGroupName NOT IN [${excluded}]`,
        policyDocument: Stack.of(this).toJsonString({
          DestinationArn: props.destination.functionArn,
          FilterPattern: pattern.logPatternString,
          Distribution: 'Random',
        }),
      });
      this.accountPolicy.node.addDependency(accountWidePermission);
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
    if (permission === undefined) throw new CulpritError('Culprit: the CloudWatch Logs invoke permission was not created');
    return permission;
  }
}
