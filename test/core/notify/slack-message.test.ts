import {
  buildDetailsReply,
  buildSlackMessage,
  createRedactor,
  decodeInsightsFragment,
  type SlackBlock,
  type SlackMessageContext,
} from '../../../lambdas/core/notify';
import { anomaly, suspect, verdict } from './verdict-factory';

const ctx: SlackMessageContext = {
  region: 'eu-west-1',
  logGroupsOf: (service) => [`/ecs/${service}`],
  redact: createRedactor(),
};

function allText(blocks: SlackBlock[]): string {
  return JSON.stringify(blocks);
}

function block<T extends SlackBlock['type']>(blocks: SlackBlock[], type: T): Extract<SlackBlock, { type: T }>[] {
  return blocks.filter((b): b is Extract<SlackBlock, { type: T }> => b.type === type);
}

describe('buildSlackMessage', () => {
  it('names the blamed deploy and its confidence in the header', () => {
    const message = buildSlackMessage(verdict(), ctx);

    expect(block(message.blocks, 'header')[0]?.text.text).toBe(
      'Culprit: checkout v1.4.2 3f9c2a1b7d4e is the likely cause (82%)',
    );
    expect(message.text).toBe('Culprit: checkout v1.4.2 3f9c2a1b7d4e is the likely cause (82%)');
  });

  it("gives the deploy's version, commit, author, time, the lag to onset and the evidence", () => {
    const text = allText(buildSlackMessage(verdict(), ctx).blocks);

    expect(text).toContain('version `v1.4.2` · commit `3f9c2a1b7d4e` · by alice · at 10:00:00Z');
    expect(text).toContain('*Confidence* 82% · *Lag* 3 min from deploy to onset');
    expect(text).toContain("• checkout's first anomaly came 3 min after the deploy");
  });

  it("lists what changed with before and after counts, escaping the template's angle brackets", () => {
    const text = allText(buildSlackMessage(verdict(), ctx).blocks);

    expect(text).toContain(
      '`checkout` appeared (error): `&lt;*&gt;:50010:Got exception while serving &lt;*&gt; to &lt;*&gt;` — 0 → 57 lines',
    );
    expect(text).toContain(
      '`checkout` went silent: `PacketResponder &lt;*&gt; for block &lt;*&gt; terminating` — 48 → 0 lines',
    );
  });

  it('shows the line counts of the compare windows before and after the change when the verdict has them', () => {
    const base = verdict();
    const withCounts = {
      ...base,
      anomalies: base.anomalies.map((a, index) => ({
        ...a,
        countBefore: index === 0 ? 0 : 48,
        countAfter: index === 0 ? 57 : 0,
      })),
    };

    const text = allText(buildSlackMessage(withCounts, ctx).blocks);

    expect(text).toContain('terminating` — 48 lines before → 0 after');
    expect(text).toContain('to &lt;*&gt;` — 0 lines before → 57 after');
  });

  it('lists the runner-up suspects', () => {
    expect(allText(buildSlackMessage(verdict(), ctx).blocks)).toContain(
      '*Runner-up suspects*\\n• payments v88 aa11bb22 at 10:00:00Z — 9%',
    );
  });

  it('links to the deploy and to a Logs Insights query over the incident window and its templates', () => {
    const buttons = block(buildSlackMessage(verdict(), ctx).blocks, 'actions')[0]?.elements ?? [];

    expect(buttons.map((b) => b.text.text)).toEqual(['Open deploy', 'Logs Insights']);
    expect(buttons[0]?.url).toBe('https://ci.example.com/runs/42');
    const detail = decodeInsightsFragment(buttons[1]?.url ?? '');
    expect(detail).toContain("end~'2024-03-05T10:14:00.000Z~start~'2024-03-05T09:58:00.000Z");
    expect(detail).toContain('@message like /.*:50010:Got\\s+exception');
    expect(detail).toContain("source~(~'/ecs/checkout)");
  });

  it('links the blamed commit and, for a deploy with no URL of its own, its CI run from the link templates', () => {
    const { url: _ownUrl, ...bare } = suspect();
    const links = {
      commit: 'https://github.com/acme/shop/commit/{commit}',
      ciRun: 'https://ci.example.com/{service}/{version}',
    };
    const message = buildSlackMessage(verdict({ suspects: [bare] }), { ...ctx, links });
    const buttons = block(message.blocks, 'actions')[0]?.elements ?? [];

    expect(buttons.map((b) => [b.text.text, b.url])).toEqual([
      ['Open deploy', 'https://ci.example.com/checkout/v1.4.2'],
      ['Open commit', 'https://github.com/acme/shop/commit/3f9c2a1b7d4e5f60718293a4b5c6d7e8f9a0b1c2'],
      ['Logs Insights', expect.stringContaining('console.aws.amazon.com')],
    ]);
  });

  it('says plainly when no deploy explains the incident', () => {
    const unblamed = verdict({
      suspects: [suspect({ blamed: false, confidence: 0.2 })],
      blamed: null,
      unexplained: 0.8,
      unexplainedEvidence: ['no deploy in the 60 min before the onset'],
    });

    const message = buildSlackMessage(unblamed, ctx);

    expect(message.text).toBe('Culprit: Incident in checkout — no deploy explains it');
    expect(allText(message.blocks)).toContain('*No deploy reaches the blame threshold* (no deploy: 80%)');
    expect(allText(message.blocks)).toContain('• no deploy in the 60 min before the onset');
  });

  it('says an early verdict is provisional, and that a firm one is firm', () => {
    const early = buildSlackMessage(verdict({ provisional: true }), ctx);
    const firm = buildSlackMessage(verdict(), ctx);

    expect(early.text).toBe('Culprit: Early verdict: checkout v1.4.2 3f9c2a1b7d4e is the likely cause (82%)');
    expect(allText(early.blocks)).toContain('provisional verdict (early evidence, may change)');
    expect(allText(firm.blocks)).toContain('· fault · severity high');
    expect(allText(firm.blocks)).toContain('firm verdict');
  });

  it('calls a behaviour change by its name, not a fault no deploy explains', () => {
    const change = verdict({
      nature: 'behaviour-change',
      severity: 'low',
      suspects: [suspect({ blamed: false, confidence: 0.56 })],
      blamed: null,
      unexplained: 0.44,
    });

    const message = buildSlackMessage(change, ctx);

    expect(message.text).toBe('Culprit: Behaviour change in checkout — not a fault, no deploy blamed');
    expect(allText(message.blocks)).toContain('· behaviour change · severity low');
  });

  it('redacts secrets and addresses before they are placed in the message', () => {
    const leaky = verdict({
      suspects: [suspect({ author: 'alice@example.com', url: 'https://deploy:hunter2@ci.example.com/runs/42' })],
      anomalies: [anomaly({ template: 'login with key AKIAIOSFODNN7EXAMPLE header Bearer abc.def' })],
    });

    const text = allText(buildSlackMessage(leaky, ctx).blocks);

    expect(text).not.toMatch(/alice@example\.com|hunter2|AKIAIOSFODNN7EXAMPLE|abc\.def/);
    expect(text).toContain('by [REDACTED:email]');
    expect(text).toContain('https://deploy:[REDACTED]@ci.example.com/runs/42');
  });

  it('marks a resolved incident in the header', () => {
    const resolved = verdict({ anomalies: [anomaly({ active: false })] });

    expect(buildSlackMessage(resolved, ctx).text).toMatch(/^Culprit: Resolved: checkout/);
  });

  it("leaves the Logs Insights link out when the service's log groups are unknown", () => {
    const message = buildSlackMessage(verdict(), { ...ctx, logGroupsOf: () => [] });

    expect(block(message.blocks, 'actions')[0]?.elements.map((b) => b.text.text)).toEqual(['Open deploy']);
  });
});

describe('buildDetailsReply', () => {
  it('carries every suspect with its evidence', () => {
    const reply = buildDetailsReply(verdict(), createRedactor());

    expect(allText(reply.blocks)).toContain('*payments v88 aa11bb22* (ecs:payments:7) — 9%');
    expect(allText(reply.blocks)).toContain('*checkout v1.4.2 3f9c2a1b7d4e* (codedeploy:d-ABC123) — 82%, blamed');
  });
});
