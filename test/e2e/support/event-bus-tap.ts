import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { LOOPBACK_AWS } from '../../lambdas/deploys/local-dynamodb';

/** An event bus in moto with a rule copying every event of `source` into a moto SQS queue the test reads. */
export interface EventBusTap {
  readonly busName: string;
  readonly client: EventBridgeClient;
  /** Events delivered since the last call, oldest first. */
  take(): Promise<{ source: string; 'detail-type': string; detail: Record<string, unknown> }[]>;
}

export async function createEventBusTap(endpoint: string, busName: string, source = 'culprit'): Promise<EventBusTap> {
  const client = new EventBridgeClient({ ...LOOPBACK_AWS, endpoint });
  const sqs = new SQSClient({ ...LOOPBACK_AWS, endpoint });
  await client.send(new CreateEventBusCommand({ Name: busName }));
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: `${busName}-tap` }));
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  await client.send(
    new PutRuleCommand({ Name: 'tap', EventBusName: busName, EventPattern: JSON.stringify({ source: [source] }) }),
  );
  await client.send(
    new PutTargetsCommand({
      Rule: 'tap',
      EventBusName: busName,
      Targets: [{ Id: 'tap', Arn: attributes.Attributes?.QueueArn }],
    }),
  );
  return {
    busName,
    client,
    async take() {
      const events: { source: string; 'detail-type': string; detail: Record<string, unknown> }[] = [];
      for (;;) {
        const received = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
        );
        const messages = received.Messages ?? [];
        if (messages.length === 0) return events;
        for (const message of messages) events.push(JSON.parse(message.Body ?? 'null') as (typeof events)[number]);
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queue.QueueUrl,
            Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle ?? '' })),
          }),
        );
      }
    },
  };
}
