/**
 * Guard on the format corpus (bench/formats): a few layouts of common conventions, generated with the tuning seed,
 * must keep their headers recovered exactly by the learnt layout; floors sit below the measured 100 %.
 */
import { HEADER_LAYOUTS } from '../../../bench/formats/layouts';
import { scoreCorpus } from '../../../bench/formats/run';
import { loadLoghubDatasets } from '../../../bench/loghub';

const GUARDED = ['syslog RFC 5424', 'Spring Boot', 'klog', 'NLog default', 'PostgreSQL', 'Windows event text export'];

describe('the format corpus', () => {
  it('recovers the message of nearly every line of layouts no header rule was written for', () => {
    const layouts = HEADER_LAYOUTS.filter((layout) => GUARDED.includes(layout.name));

    const results = scoreCorpus(layouts, loadLoghubDatasets(), 11, 150);

    expect(layouts).toHaveLength(GUARDED.length);
    for (const { source, scores } of results) {
      expect({ layout: source.layout.name, exact: scores.inferred.exact >= 0.98 }).toEqual({
        layout: source.layout.name,
        exact: true,
      });
      expect(scores.inferred.ga).toBeGreaterThanOrEqual(scores.inferred.gaContent - 0.02);
    }
  });
});
