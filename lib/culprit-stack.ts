import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Culprit, type CulpritProps } from './culprit';
import { parseCulpritConfig, readCulpritContext } from './config';
import { CONFIG_CONTEXT_KEY } from './defaults';

export interface CulpritStackProps extends StackProps {
  /** Pipeline configuration. @default - read from CDK context key `culprit` */
  readonly culprit?: CulpritProps;
}

/** A stack holding one `Culprit` pipeline and the outputs its users need. */
export class CulpritStack extends Stack {
  readonly culprit: Culprit;

  constructor(scope: Construct, id: string, props: CulpritStackProps = {}) {
    super(scope, id, props);
    const config =
      props.culprit ??
      (parseCulpritConfig(
        readCulpritContext((key) => this.node.tryGetContext(key)),
        `context "${CONFIG_CONTEXT_KEY}"`,
      ) as CulpritProps);
    this.culprit = new Culprit(this, 'Culprit', config);
    const { queues, tables, eventBus } = this.culprit;

    const outputs: Record<string, { value: string; description: string }> = {
      AnomalyQueueUrl: { value: queues.anomalies.queueUrl, description: 'Anomalies from ingest to rank' },
      AnomalyDeadLetterQueueUrl: {
        value: queues.anomaliesDeadLetter.queueUrl,
        description: 'Anomaly batches rank failed 5 times',
      },
      IngestDeadLetterQueueUrl: {
        value: queues.ingestDeadLetter.queueUrl,
        description: 'Log batches ingest failed to process',
      },
      DeploysDeadLetterQueueUrl: {
        value: queues.deploysDeadLetter.queueUrl,
        description: 'Deploy events that could not be recorded',
      },
      MinerStateTableName: { value: tables.minerState.tableName, description: 'Drain miner state per service' },
      TemplateCountsTableName: {
        value: tables.templateCounts.tableName,
        description: 'Template counts per time bucket',
      },
      DeploysTableName: { value: tables.deploys.tableName, description: 'Recorded deploys per service' },
      IncidentsTableName: { value: tables.incidents.tableName, description: 'Incidents and ranked culprits' },
      EventBusName: {
        value: eventBus.eventBusName,
        description: 'Bus for `culprit deploy record --event-bus` and incident events',
      },
      EventBusArn: { value: eventBus.eventBusArn, description: 'ARN of the Culprit bus' },
      IngestFunctionName: { value: this.culprit.ingestFunction.functionName, description: 'Ingest Lambda' },
      RankFunctionName: { value: this.culprit.rankFunction.functionName, description: 'Rank Lambda' },
      DeploysFunctionName: { value: this.culprit.deploysFunction.functionName, description: 'Deploys Lambda' },
      ...(this.culprit.logStream === undefined
        ? {}
        : {
            IngestStreamName: {
              value: this.culprit.logStream.stream.streamName,
              description: 'Kinesis stream carrying log deliveries to ingest',
            },
          }),
      ...(this.culprit.verification === undefined
        ? {}
        : {
            VerificationStateMachineArn: {
              value: this.culprit.verification.stateMachine.stateMachineArn,
              description:
                'Start with {"service","deployTime","logGroups"} after a deploy; ends Succeeded (healthy) or Failed (suspect)',
            },
          }),
    };
    for (const [outputId, output] of Object.entries(outputs)) new CfnOutput(this, outputId, output);
  }
}
