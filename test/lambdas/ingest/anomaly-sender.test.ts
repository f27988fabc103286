import { SQSClient, type SendMessageBatchCommandInput, type SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { sendAnomalyMessages, SendFailedError } from '../../../lambdas/ingest/anomaly-sender';
import { toAnomalyMessage, type AnomalyMessage } from '../../../lambdas/core/pipeline';
import { LOOPBACK_AWS } from '../deploys/local-dynamodb';
import { peekAll } from '../../e2e/support/lambda-events';
import { startLocalSqs, type LocalSqs } from '../../e2e/support/local-sqs';
import { rawLines } from '../../core/drain/loghub-lines';

let sqs: LocalSqs;

beforeAll(async () => {
  sqs = await startLocalSqs();
});

afterAll(async () => {
  await sqs.stop();
});

/** `count` new-error anomalies, each carrying a real OpenSSH line as its sample (loghub-2k; see its LICENSE). */
function anomalies(count: number, sampleChars?: number): AnomalyMessage[] {
  const lines = rawLines('OpenSSH');
  return Array.from({ length: count }, (_, i) => {
    const sample = lines[i % lines.length] ?? '';
    return toAnomalyMessage(
      {
        id: `bastion|t${i}|new|${1_709_712_300_000 + i}`,
        service: 'bastion',
        kind: 'new',
        templateId: `t${i}`,
        template: 'Failed password for root from <IP> port <NUM> ssh2',
        error: true,
        firstSeen: 1_709_712_300_000 + i,
        lastSeen: 1_709_712_360_000,
        active: true,
        countBefore: 0,
        countAfter: 12,
        expected: 0.3,
        observed: 12,
        buckets: 1,
        surprise: 30.1,
        score: 0.31,
        sample: sampleChars === undefined ? sample : sample.padEnd(sampleChars, '.'),
      },
      { logGroup: '/var/log/secure', revision: 7 },
    );
  });
}

/**
 * A client whose first SendMessageBatch loses `lost` entries on the way, as a throttled or partly failed
 * call does: they are not sent, and the response lists them under `Failed` (not the sender's fault).
 */
function flakyClient(lost: number): { client: SQSClient; calls: number[] } {
  const client = new SQSClient({ ...LOOPBACK_AWS, endpoint: sqs.endpoint });
  const calls: number[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as SendMessageBatchCommandInput;
      calls.push(input.Entries?.length ?? 0);
      if (calls.length > 1 || lost === 0) return next(args);
      const entries = input.Entries ?? [];
      const dropped = entries.slice(0, lost);
      const result = await next({ ...args, input: { ...input, Entries: entries.slice(lost) } });
      const output = result.output as SendMessageBatchCommandOutput;
      output.Failed = [
        ...(output.Failed ?? []),
        ...dropped.map((e) => ({ Id: e.Id, SenderFault: false, Code: 'InternalError', Message: 'simulated' })),
      ];
      return result;
    },
    { step: 'initialize', name: 'loseEntriesOnce' },
  );
  return { client, calls };
}

let queues = 0;

describe('sendAnomalyMessages against SQS (fauxqs)', () => {
  it('sends 23 messages in batches of at most ten', async () => {
    queues += 1;
    const queueUrl = await sqs.createQueue(`sender-${queues}`);
    const { client, calls } = flakyClient(0);

    const sent = await sendAnomalyMessages({ sqs: client, queueUrl }, anomalies(23));

    expect(sent).toBe(23);
    expect(calls.sort()).toEqual([10, 10, 3]);
    expect(await peekAll(sqs.client, queueUrl)).toHaveLength(23);
  });

  it('clips a 60,000-character sample line so ten such messages still fit one batch', async () => {
    queues += 1;
    const queueUrl = await sqs.createQueue(`sender-${queues}`);
    const { client, calls } = flakyClient(0);

    await sendAnomalyMessages({ sqs: client, queueUrl }, anomalies(10, 60_000));
    const received = await peekAll(sqs.client, queueUrl);

    expect(calls).toEqual([10]);
    expect(received.map((m) => (JSON.parse(m.Body ?? '') as AnomalyMessage).anomaly.sample.length)).toEqual(
      Array(10).fill(2000),
    );
  });

  it('retries only the entries SQS reports as failed, so each message arrives once', async () => {
    queues += 1;
    const queueUrl = await sqs.createQueue(`sender-${queues}`);
    const { client, calls } = flakyClient(3);

    await sendAnomalyMessages({ sqs: client, queueUrl, baseDelayMs: 1 }, anomalies(10));
    const bodies = (await peekAll(sqs.client, queueUrl)).map(
      (m) => (JSON.parse(m.Body ?? '') as AnomalyMessage).anomaly.id,
    );

    expect(calls).toEqual([10, 3]);
    expect(bodies.sort()).toEqual(
      anomalies(10)
        .map((m) => m.anomaly.id)
        .sort(),
    );
  });

  it('gives up with an error naming the failed entries when they keep failing', async () => {
    queues += 1;
    const queueUrl = await sqs.createQueue(`sender-${queues}`);
    const { client } = flakyClient(2);

    const sending = sendAnomalyMessages({ sqs: client, queueUrl, maxAttempts: 1 }, anomalies(4));

    await expect(sending).rejects.toThrow(SendFailedError);
    await expect(sending).rejects.toThrow(
      /failed for 2 of 4 messages after 1 attempt\(s\): m0: InternalError simulated; m1: InternalError simulated$/,
    );
  });
});
