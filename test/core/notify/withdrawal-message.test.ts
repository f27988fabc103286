import { buildWithdrawalMessage, createRedactor, type SlackBlock } from '../../../lambdas/core/notify';
import { anomaly, verdict } from './verdict-factory';

const redact = createRedactor(['tenant-[a-z]+']);

function texts(blocks: SlackBlock[]): string[] {
  return blocks.flatMap((b) =>
    b.type === 'header' || b.type === 'section'
      ? [b.text.text]
      : b.type === 'context'
        ? b.elements.map((e) => e.text)
        : [],
  );
}

describe('buildWithdrawalMessage', () => {
  it('heads the message with the withdrawn early verdict and the deploy it blamed', () => {
    const message = buildWithdrawalMessage(verdict({ provisional: true }), 'anomalies-faded', redact);

    expect(message.text).toBe('Culprit: Withdrawn: early verdict on checkout v1.4.2 3f9c2a1b7d4e');
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Culprit: Withdrawn: early verdict on checkout v1.4.2 3f9c2a1b7d4e' },
    });
  });

  it('says why: the anomalies faded and no incident forms around them any more', () => {
    const [, why] = texts(buildWithdrawalMessage(verdict({ provisional: true }), 'anomalies-faded', redact).blocks);

    expect(why).toBe(
      'The early verdict is withdrawn: the young anomalies that started the incident faded before it firmed up (the rate they promised never came), and no incident forms around them any more.',
    );
  });

  it('says what the verdict blamed and at what confidence, which incident it was, and that it is withdrawn', () => {
    const [, , said] = texts(buildWithdrawalMessage(verdict({ provisional: true }), 'anomalies-faded', redact).blocks);

    expect(said).toBe(
      '*It blamed* `checkout` version `v1.4.2` deployed at 10:00:00Z (82%); that deploy is blamed no more\n' +
        '*Incident* `inc-2024-03-05T10:03:00.000Z` · checkout · onset 10:03:00Z · withdrawn',
    );
  });

  it('names the incident by its services when its verdict blamed no deploy', () => {
    const unblamed = verdict({ provisional: true, blamed: null, unexplained: 0.7 });

    const message = buildWithdrawalMessage(unblamed, 'anomalies-faded', redact);

    expect(message.text).toBe('Culprit: Withdrawn: early verdict on the incident in checkout');
    expect(texts(message.blocks)[2]).toMatch(/^\*It said\* no deploy explains the incident \(no deploy: 70%\)/);
  });

  it('calls a firm verdict a verdict, not an early one', () => {
    const message = buildWithdrawalMessage(verdict({ provisional: false }), 'anomalies-faded', redact);

    expect(message.text).toBe('Culprit: Withdrawn: verdict on checkout v1.4.2 3f9c2a1b7d4e');
    expect(texts(message.blocks)[1]).toMatch(/^The verdict is withdrawn: /);
  });

  it('lists what faded, escaped and redacted like every message', () => {
    const leaky = verdict({
      provisional: true,
      anomalies: [anomaly({ template: 'tenant-acme login failed password=hunterTwo for <*>' })],
    });

    const all = texts(buildWithdrawalMessage(leaky, 'anomalies-faded', redact).blocks).join('\n');

    expect(all).toContain(
      '*What faded*\n• `checkout` appeared (error): `[REDACTED] login failed password=[REDACTED] for &lt;*&gt;`',
    );
    expect(all).not.toContain('hunterTwo');
    expect(all).not.toContain('tenant-acme');
    expect(all).toContain('Culprit withdrawal for `inc-2024-03-05T10:03:00.000Z`');
  });
});
