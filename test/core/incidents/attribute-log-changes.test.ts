import { attributeLogChanges, type LogChange } from '../../../lambdas/core/incidents';
import type { Deploy } from '../../../lambdas/core/schemas';

const MIN = 60_000;
const rewording: LogChange = {
  kind: 'rewording',
  service: 'api',
  at: 100 * MIN,
  from: 'a <*>',
  to: 'a=<*>',
  similarity: 0.7,
};
const window = { lookbackMs: 120 * MIN, graceMs: 2 * MIN };
const deploy = (id: string, service: string, minute: number): Deploy => ({ id, service, timestamp: minute * MIN });

describe('attributeLogChanges', () => {
  it('names the latest deploy of the reworded service before the change (or just after it, within the grace)', () => {
    const deploys = [deploy('old', 'api', 50), deploy('late-clock', 'api', 101), deploy('other', 'db', 99)];

    const [change] = attributeLogChanges([rewording], deploys, window);

    expect(change).toMatchObject({ deploy: { id: 'late-clock', timestamp: 101 * MIN } });
  });

  it('names no deploy when none of the service is in the window, and none for a load surge', () => {
    const load: LogChange = { kind: 'load', service: 'api', at: 100 * MIN, factor: 2, templates: ['x'] };

    const changes = attributeLogChanges(
      [rewording, load],
      [deploy('too-late', 'api', 110), deploy('db', 'db', 95)],
      window,
    );

    expect(changes).toEqual([rewording, load]);
  });
});
