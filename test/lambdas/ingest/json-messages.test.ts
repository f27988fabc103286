import { subscriptionEvent } from '../../e2e/support/lambda-events';
import { prepareIngest, useIngestServers } from './ingest-fixture';
import { hdfsLines, T0 } from './log-lines';

const servers = useIngestServers();

const GROUP = '/aws/lambda/block-store';

describe('the ingest handler reading JSON log messages', () => {
  it('mines the msg of pino JSON messages exactly as it mines the same lines as text', async () => {
    // Prepare: the same HDFS lines, once as text and once as pino writes them to CloudWatch.
    const lines = hdfsLines(T0, 240, 500);
    const pino = lines.map((line) => ({
      timestamp: line.timestamp,
      message: `${JSON.stringify({ level: 30, time: line.timestamp, pid: 8, hostname: 'ip-10-0-0-1', msg: line.message })}\n`,
    }));
    const asText = await prepareIngest(servers());
    const asJson = await prepareIngest(servers());

    // Act
    await asText.container()(subscriptionEvent(GROUP, lines));
    const result = await asJson.container()(subscriptionEvent(GROUP, pino));

    // Assess: same templates with the same counts (template ids are derived from the template text)
    expect(result).toMatchObject({ outcome: 'applied', lines: 240 });
    expect(await asJson.counts(GROUP)).toEqual(await asText.counts(GROUP));
  });

  it('reads the message from the field the logFields setting names', async () => {
    // Prepare: records whose message sits where no convention looks, next to a field of more varied words (what
    // learning from the values alone would take for the message).
    const lines = hdfsLines(T0, 240, 500);
    const records = lines.map((line, i) => ({
      timestamp: line.timestamp,
      message: JSON.stringify({
        at: line.timestamp,
        note: Array.from({ length: 20 }, (_, k) => `tag${i}x${k}`).join(' '),
        payload: { text: line.message },
      }),
    }));
    const asText = await prepareIngest(servers());
    const mapped = await prepareIngest(servers(), { logFields: { message: 'payload.text', timestamp: 'at' } });

    // Act
    await asText.container()(subscriptionEvent(GROUP, lines));
    await mapped.container()(subscriptionEvent(GROUP, records));

    // Assess
    expect(await mapped.counts(GROUP)).toEqual(await asText.counts(GROUP));
  });
});
