import { gzipSync } from 'node:zlib';
import {
  decodeSubscriptionEvent,
  encodeSubscriptionEvent,
  SubscriptionPayloadError,
  type SubscriptionPayload,
} from '../../../lambdas/core/pipeline';
import { rawLines } from '../drain/loghub-lines';

/** Three real HDFS lines as one CloudWatch Logs delivery (loghub-2k, see its LICENSE). */
function payload(overrides: Partial<SubscriptionPayload> = {}): SubscriptionPayload {
  const lines = rawLines('HDFS').slice(0, 3);
  return {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/ecs/block-store',
    logStream: 'block-store/web/0f3a',
    subscriptionFilters: ['culprit-ingest'],
    logEvents: lines.map((message, index) => ({
      id: `3719559${index}`,
      timestamp: 1_709_712_300_000 + index * 250,
      message,
    })),
    ...overrides,
  };
}

function rawEvent(data: string): unknown {
  return { awslogs: { data } };
}

describe('decodeSubscriptionEvent', () => {
  it('reads a gzipped, base64-encoded DATA_MESSAGE back into its log events', () => {
    const original = payload();

    const decoded = decodeSubscriptionEvent(encodeSubscriptionEvent(original));

    expect(decoded).toEqual(original);
    expect(decoded.logEvents[0]?.message).toContain('PacketResponder');
  });

  it('reads a CONTROL_MESSAGE, which carries no log events worth analysing', () => {
    const control = payload({
      messageType: 'CONTROL_MESSAGE',
      owner: 'CloudwatchLogs',
      logGroup: '',
      logStream: '',
      subscriptionFilters: [],
      logEvents: [
        {
          id: '',
          timestamp: 1_709_712_300_000,
          message: 'CWL CONTROL MESSAGE: Checking health of destination Lambda.',
        },
      ],
    });

    expect(decodeSubscriptionEvent(encodeSubscriptionEvent(control)).messageType).toBe('CONTROL_MESSAGE');
  });

  it('names an event that is not a subscription event at all', () => {
    const decode = () => decodeSubscriptionEvent({ Records: [] });

    expect(decode).toThrow(SubscriptionPayloadError);
    expect(decode).toThrow(
      'ingest event is not a CloudWatch Logs subscription event ({ awslogs: { data } }): awslogs: Invalid input: expected object, received undefined',
    );
  });

  it('says when the data is not base64', () => {
    expect(() => decodeSubscriptionEvent(rawEvent('this is not base64!'))).toThrow(
      /awslogs\.data is not base64 \(19 characters, starting "this is not base"\)/,
    );
    expect(() => decodeSubscriptionEvent(rawEvent(''))).toThrow(/awslogs\.data is not base64 \(0 characters\)/);
  });

  it('says when base64 data is not gzip', () => {
    const plain = Buffer.from(JSON.stringify(payload())).toString('base64');

    expect(() => decodeSubscriptionEvent(rawEvent(plain))).toThrow(
      /awslogs\.data is base64 but not gzip \(the \d+ decoded bytes lack the gzip header 1f 8b\)/,
    );
  });

  it('says when gzip data is cut short', () => {
    const whole = gzipSync(JSON.stringify(payload()));
    const truncated = whole.subarray(0, whole.length - 12).toString('base64');

    expect(() => decodeSubscriptionEvent(rawEvent(truncated))).toThrow(
      /awslogs\.data is not valid gzip: unexpected end of file/,
    );
  });

  it('says when the unzipped text is not JSON', () => {
    const text = gzipSync(rawLines('HDFS')[0] ?? '').toString('base64');

    expect(() => decodeSubscriptionEvent(rawEvent(text))).toThrow(/awslogs\.data unzips to text that is not JSON/);
  });

  it('names every field that does not match the subscription schema', () => {
    const wrong = gzipSync(
      JSON.stringify({ ...payload(), messageType: 'DATA', logEvents: [{ id: '1', message: 'x' }] }),
    ).toString('base64');

    expect(() => decodeSubscriptionEvent(rawEvent(wrong))).toThrow(
      /awslogs\.data is not a CloudWatch Logs subscription payload: messageType: Invalid option: expected one of "DATA_MESSAGE"\|"CONTROL_MESSAGE"; logEvents\.0\.timestamp: Invalid input: expected number, received undefined/,
    );
  });
});
