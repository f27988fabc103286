import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALARM_DEFAULTS, LOG_STREAM_DEFAULTS } from '../defaults';

export interface CulpritAlarmsProps {
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  readonly functions: Readonly<Record<string, IFunction>>;
  /** Functions fed by a Kinesis event source, watched for falling behind their stream. @default {} */
  readonly streamConsumers?: Readonly<Record<string, IFunction>>;
  /** Topic notified when an alarm fires or clears. @default - alarms without actions */
  readonly alarmTopicArn?: string;
}

/**
 * One alarm per dead-letter queue (anything in it), per function (any error) and per stream consumer (falling
 * behind its stream).
 */
export class CulpritAlarms extends Construct {
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: CulpritAlarmsProps) {
    super(scope, id);
    const action =
      props.alarmTopicArn === undefined
        ? undefined
        : new SnsAction(Topic.fromTopicArn(this, 'Topic', props.alarmTopicArn));
    const alarms: Alarm[] = [];
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarms.push(
        new Alarm(this, `${name}DeadLetters`, {
          alarmDescription: `Culprit: messages are waiting in the ${name} dead-letter queue; inspect them, fix the cause, redrive`,
          metric: queue.metricApproximateNumberOfMessagesVisible({
            period: ALARM_DEFAULTS.period,
            statistic: 'Maximum',
          }),
          threshold: ALARM_DEFAULTS.deadLetterThreshold,
          evaluationPeriods: ALARM_DEFAULTS.evaluationPeriods,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarms.push(
        new Alarm(this, `${name}Errors`, {
          alarmDescription: `Culprit: the ${name} function reported errors; see its log group`,
          metric: fn.metricErrors({ period: ALARM_DEFAULTS.period, statistic: 'Sum' }),
          threshold: ALARM_DEFAULTS.functionErrorThreshold,
          evaluationPeriods: ALARM_DEFAULTS.evaluationPeriods,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    const lag = LOG_STREAM_DEFAULTS.iteratorAgeThreshold;
    for (const [name, fn] of Object.entries(props.streamConsumers ?? {})) {
      alarms.push(
        new Alarm(this, `${name}IteratorAge`, {
          alarmDescription:
            `Culprit: the ${name} function is more than ${lag.toMinutes()} minutes behind its Kinesis stream; ` +
            'check its errors and duration, then add shards or raise kinesisBatchSize',
          // Lambda publishes IteratorAge, in milliseconds, for functions with a stream event source.
          metric: fn.metric('IteratorAge', { period: LOG_STREAM_DEFAULTS.iteratorAgePeriod, statistic: 'Maximum' }),
          threshold: lag.toMilliseconds(),
          evaluationPeriods: LOG_STREAM_DEFAULTS.iteratorAgeEvaluationPeriods,
          datapointsToAlarm: LOG_STREAM_DEFAULTS.iteratorAgeEvaluationPeriods,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          // No data: no batch reached the function in that minute, which is what an idle stream looks like.
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    if (action !== undefined) {
      for (const alarm of alarms) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
    }
    this.alarms = alarms;
  }
}
