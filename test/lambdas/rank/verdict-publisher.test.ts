import { createRedactor, parseVerdictWithdrawnDetail } from '../../../lambdas/core/notify';
import { publishVerdict, publishWithdrawal } from '../../../lambdas/rank/verdict-publisher';
import { anomaly, verdict } from '../../core/notify/verdict-factory';
import { createEventBusTap, type EventBusTap } from '../../e2e/support/event-bus-tap';
import { startMotoServer, type MotoServer } from '../../e2e/support/moto-server';

const SLACK_TOKEN = ['xoxb', '263594206564', '2343594206574', 'FGqddMF8t08v8N7Oq4i57vs1'].join('-');

describe('publishing a verdict event on EventBridge (moto)', () => {
  let moto: MotoServer;
  let bus: EventBusTap;

  beforeAll(async () => {
    moto = await startMotoServer();
    bus = await createEventBusTap(moto.endpoint, 'culprit-publisher');
  });

  afterAll(async () => {
    bus?.client.destroy();
    await moto?.stop();
  });

  it('redacts secrets quoted by templates and suspects, and user patterns, before the event leaves', async () => {
    const leaky = verdict({
      anomalies: [
        anomaly({ template: `slack post failed with token ${SLACK_TOKEN}` }),
        anomaly({ id: 'a-2', template: 'tenant-acme login failed password=hunterTwo' }),
      ],
    });

    await publishVerdict(bus.client, bus.busName, leaky, [], createRedactor(['tenant-[a-z]+']));

    const [event] = await bus.take();
    const detail = JSON.stringify(event?.detail);
    expect(detail).toContain('[REDACTED:slack]');
    expect(detail).toContain('password=[REDACTED]');
    expect(detail).not.toContain(SLACK_TOKEN);
    expect(detail).not.toContain('hunterTwo');
    expect(detail).not.toContain('tenant-acme');
    expect(detail).toContain('inc-2024-03-05T10:03:00.000Z');
  });

  it('publishes a withdrawal under its own detail-type, valid and redacted like a verdict', async () => {
    const leaky = verdict({
      provisional: true,
      anomalies: [anomaly({ template: 'tenant-acme login failed password=hunterTwo' })],
    });

    await publishWithdrawal(bus.client, bus.busName, leaky, 'anomalies-faded', createRedactor(['tenant-[a-z]+']));

    const events = await bus.take();
    expect(events.map((e) => [e.source, e['detail-type']])).toEqual([['culprit', 'Culprit Verdict Withdrawn']]);
    const detail = parseVerdictWithdrawnDetail(events[0]?.detail, 'the event on the bus');
    expect(detail).toMatchObject({
      incidentId: 'inc-2024-03-05T10:03:00.000Z',
      reason: 'anomalies-faded',
      provisional: true,
      blamed: { deployId: 'codedeploy:d-ABC123' },
    });
    expect(JSON.stringify(detail)).not.toMatch(/hunterTwo|tenant-acme/);
  });
});
