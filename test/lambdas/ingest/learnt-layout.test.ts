import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { decodeState, ServiceAnalysis, applyLogEvents, stateKey } from '../../../lambdas/core/pipeline';
import { TemplateMiner } from '../../../lambdas/core/drain';
import { parseSourceFormatState } from '../../../lambdas/core/log-format';
import { TABLE_KEYS } from '../../../lambdas/common';
import { subscriptionEvent, type LoggedLine } from '../../e2e/support/lambda-events';
import { prepareIngest, useIngestServers, type IngestWorld } from './ingest-fixture';
import { hdfsLines, MINUTE, sshFailureLines, T0 } from './log-lines';

const servers = useIngestServers();

const GROUP = '/ecs/block-store';
/**
 * Whether a template starts as the OpenSSH message does once the header is stripped: its own `Dec 10 09:32:20` (three
 * tokens, masked or not) then `LabSZ`.
 */
const startsAsMessage = (template: string): boolean => template.split(' ').indexOf('LabSZ') === 3;

/** `LEVEL|2024-03-05 09:00:00.500|worker-N|message`: a layout no header rule knows (the level first, pipes between). */
function inPipeLayout(lines: readonly LoggedLine[]): LoggedLine[] {
  return lines.map((line, i) => {
    const level = /Failed|exception/i.test(line.message) ? 'WARN' : 'INFO';
    const time = new Date(line.timestamp).toISOString().replace('T', ' ').replace('Z', '');
    return { timestamp: line.timestamp, message: `${level}|${time}|worker-${i % 7}|${line.message}` };
  });
}

async function storedState(world: IngestWorld): Promise<ReturnType<typeof decodeState>> {
  const key = stateKey(GROUP);
  const item = await servers().dynamo.documentClient.send(
    new GetCommand({
      TableName: world.tables.minerState,
      Key: { [TABLE_KEYS.minerState.partitionKey]: key.pk, [TABLE_KEYS.minerState.sortKey]: key.sk },
    }),
  );
  return decodeState(item.Item?.state as Uint8Array, GROUP);
}

const templatesOf = (state: ReturnType<typeof decodeState>): string[] =>
  TemplateMiner.fromSnapshot(state.miners[GROUP])
    .templates()
    .map((t) => t.template);

describe('the ingest handler learning a log group header layout', () => {
  it('keeps the layout learnt from the first delivery in the state and splits a later, small delivery with it in a new container', async () => {
    // Prepare: a first delivery big enough to learn from, then five lines of a message never seen before.
    const world = await prepareIngest(servers());
    const first = inPipeLayout(hdfsLines(T0, 240, 500));
    const later = inPipeLayout(sshFailureLines(T0 + 10 * MINUTE, 5, 4000));

    // Act
    await world.container()(subscriptionEvent(GROUP, first));
    const afterFirst = await storedState(world);
    await world.container()(subscriptionEvent(GROUP, later));
    const afterLater = await storedState(world);

    // Assess: learnt once, stored, and the new container split the new lines with it: no header column in a template.
    const layouts = parseSourceFormatState(afterFirst.formats?.[GROUP])?.layouts ?? [];
    expect(layouts).toHaveLength(1);
    expect(layouts[0]?.split).toBe('pipe');
    expect(layouts[0]?.columns.slice(0, 2).map((c) => c.kind)).toEqual(['level', 'time']);
    expect(afterLater.formats).toEqual(afterFirst.formats);
    const failed = templatesOf(afterLater).filter((t) => t.includes('Failed password'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.join('\n')).not.toMatch(/worker|WARN|\|/);
    expect(failed.every((t) => startsAsMessage(t))).toBe(true);
  });

  it('would keep the header columns in the templates without the learnt layout (the rules do not know it)', () => {
    // Prepare: the same five lines, split by the header rules only (no log group, so no layout).
    const analysis = new ServiceAnalysis(GROUP);
    const later = inPipeLayout(sshFailureLines(T0 + 10 * MINUTE, 5, 4000));

    // Act
    applyLogEvents(
      analysis,
      later.map((line, id) => ({ id: String(id), ...line })),
    );

    // Assess: the level, time and thread columns stay in front of the message, masked.
    const failed = templatesOf(analysis.toState()).filter((t) => t.includes('Failed password'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.some((t) => startsAsMessage(t))).toBe(false);
  });

  it('loads a state written before layouts were learnt and learns the layout then', async () => {
    // Prepare: a committed state without formats (as older versions wrote it: too few lines to learn from here).
    const world = await prepareIngest(servers());
    await world.container()(subscriptionEvent(GROUP, hdfsLines(T0, 20, 500)));
    expect((await storedState(world)).formats).toBeUndefined();

    // Act
    await world.container()(subscriptionEvent(GROUP, inPipeLayout(hdfsLines(T0 + MINUTE, 240, 500))));

    // Assess
    expect(Object.keys((await storedState(world)).formats ?? {})).toEqual([GROUP]);
  });
});
