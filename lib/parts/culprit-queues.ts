import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { QUEUE_DEFAULTS } from '../defaults';

export interface CulpritQueuesProps {
  /** Timeout of the function consuming the anomaly queue; the visibility timeout is derived from it. */
  readonly consumerTimeout: Duration;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The anomaly queue (ingest → rank) with its dead-letter queue, and one dead-letter queue for each
 * asynchronously invoked function (ingest from CloudWatch Logs, deploys from EventBridge).
 */
export class CulpritQueues extends Construct {
  readonly anomalies: Queue;
  readonly anomaliesDeadLetter: Queue;
  readonly ingestDeadLetter: Queue;
  readonly deploysDeadLetter: Queue;

  constructor(scope: Construct, id: string, props: CulpritQueuesProps) {
    super(scope, id);
    this.anomaliesDeadLetter = this.deadLetterQueue('AnomaliesDeadLetter', props.removalPolicy);
    this.ingestDeadLetter = this.deadLetterQueue('IngestDeadLetter', props.removalPolicy);
    this.deploysDeadLetter = this.deadLetterQueue('DeploysDeadLetter', props.removalPolicy);
    this.anomalies = new Queue(this, 'Anomalies', {
      encryption: QUEUE_DEFAULTS.encryption,
      enforceSSL: QUEUE_DEFAULTS.enforceSSL,
      visibilityTimeout: Duration.seconds(
        props.consumerTimeout.toSeconds() * QUEUE_DEFAULTS.visibilityTimeoutPerFunctionTimeout,
      ),
      deadLetterQueue: { queue: this.anomaliesDeadLetter, maxReceiveCount: QUEUE_DEFAULTS.maxReceiveCount },
      removalPolicy: props.removalPolicy,
    });
  }

  /** All dead-letter queues in one list, for alarms and acknowledgements. */
  get deadLetterQueues(): readonly Queue[] {
    return [this.anomaliesDeadLetter, this.ingestDeadLetter, this.deploysDeadLetter];
  }

  private deadLetterQueue(id: string, removalPolicy: RemovalPolicy): Queue {
    return new Queue(this, id, {
      encryption: QUEUE_DEFAULTS.encryption,
      enforceSSL: QUEUE_DEFAULTS.enforceSSL,
      retentionPeriod: QUEUE_DEFAULTS.deadLetterRetention,
      removalPolicy,
    });
  }
}
