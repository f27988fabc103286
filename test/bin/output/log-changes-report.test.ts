import type { AnalysisResult } from '../../../lambdas/core/analysis';
import { formatJsonReport, formatSummary, renderHtmlReport, type JsonReport } from '../../../bin/output';

const at = (minute: number): number => Date.UTC(2024, 2, 1, 9, minute);

/** No incident, one rewording made by a deploy and one load surge: what analyze reports for a harmless release. */
const result: AnalysisResult = {
  incidents: [],
  logChanges: [
    {
      kind: 'rewording',
      service: 'checkout',
      at: at(31),
      from: 'order <*> paid in <*> ms',
      to: 'order=<*> paid duration_ms=<*>',
      similarity: 0.6,
      deploy: { id: 'dpl-checkout-9', timestamp: at(30), version: 'v4.2.0' },
    },
    { kind: 'load', service: 'search', at: at(40), factor: 2.4, templates: ['query <*> took <*> ms'] },
  ],
  stats: { lines: 12_000, services: 2, templates: 40, skipped: 0, late: 0 },
};

describe('log changes in the analyze reports', () => {
  it('says in the summary which template was reworded to which, by which deploy, and that it is not blamed', () => {
    const summary = formatSummary(result);

    expect(summary).toContain('Log changes, not faults (2):');
    expect(summary).toContain(
      '- checkout from 09:31:00Z: "order <*> paid in <*> ms" was reworded to "order=<*> paid duration_ms=<*>" by deploy dpl-checkout-9 (v4.2.0) at 09:30:00Z, not blamed.',
    );
    expect(summary).toContain(
      '- search from 09:40:00Z: traffic at 2.4× its usual rate raised 1 template with it: load, not a fault.',
    );
  });

  it('lists the log changes in the JSON document with ISO times and the rewording deploy', () => {
    const report = JSON.parse(formatJsonReport(result)) as JsonReport;

    expect(report.logChanges).toEqual([
      {
        kind: 'rewording',
        service: 'checkout',
        at: '2024-03-01T09:31:00.000Z',
        from: 'order <*> paid in <*> ms',
        to: 'order=<*> paid duration_ms=<*>',
        similarity: 0.6,
        deploy: { id: 'dpl-checkout-9', timestamp: '2024-03-01T09:30:00.000Z', version: 'v4.2.0' },
      },
      {
        kind: 'load',
        service: 'search',
        at: '2024-03-01T09:40:00.000Z',
        factor: 2.4,
        templates: ['query <*> took <*> ms'],
      },
    ]);
  });

  it('lists the log changes in the HTML report, escaped', () => {
    const html = renderHtmlReport(result, []);

    expect(html).toContain('<h2>Log changes, not faults</h2>');
    expect(html).toContain(
      '&quot;order &lt;*&gt; paid in &lt;*&gt; ms&quot; was reworded to &quot;order=&lt;*&gt; paid duration_ms=&lt;*&gt;&quot; by deploy dpl-checkout-9',
    );
  });

  it('prints no log-change section when nothing was explained away', () => {
    expect(formatSummary({ ...result, logChanges: [] })).not.toContain('Log changes');
    expect(renderHtmlReport({ ...result, logChanges: [] }, [])).not.toContain('Log changes');
  });
});
