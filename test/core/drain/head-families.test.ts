import { TemplateMiner } from '../../../lambdas/core/drain';

const PROGRAMS = ['sshd:', 'cron:', 'atd:', 'login:', 'su:', '[worker]', 'systemd-logind:'];

/** One line per program, each with its own uid, the program label first. */
function labelled(programs: readonly string[], message: (uid: number) => string): string[] {
  return programs.map((program, uid) => `${program} ${message(uid)}`);
}

describe('a variable first token before a constant message', () => {
  it('merges lines whose program labels differ into one template once the label took four values', () => {
    const miner = new TemplateMiner();
    const lines = labelled(PROGRAMS, (uid) => `session opened for user root by (uid=${uid})`);

    const results = lines.map((line) => miner.mine(line));

    expect(miner.templates().map((template) => template.template)).toEqual(['<*> session opened for user root by <*>']);
    expect(new Set(results.map((result) => miner.resolve(result.templateId))).size).toBe(1);
    // The fourth label merged the first three into one of their ids, and the result says which.
    const merged = results[3]!.merged;
    expect(merged).toHaveLength(3);
    expect(new Set(merged.map((merge) => merge.into))).toEqual(new Set([miner.resolve(results[0]!.templateId)]));
    // Later labels join the merged template directly.
    expect(results.slice(4).every((result) => result.templateId === miner.resolve(results[0]!.templateId))).toBe(true);
  });

  it('keeps three labels apart, as a tracked word position keeps three words apart', () => {
    const miner = new TemplateMiner();

    for (const line of labelled(PROGRAMS.slice(0, 3), (uid) => `session opened for user root by (uid=${uid})`))
      miner.mine(line);

    expect(miner.templateCount).toBe(3);
  });

  it('keeps lines apart whose bare first word is their subject', () => {
    const miner = new TemplateMiner();
    const daemons = ['cupsd', 'syslogd', 'klogd', 'irqbalance', 'portmap', 'rpc.statd'];

    for (const daemon of daemons) miner.mine(`${daemon} startup succeeded`);
    for (const setting of ['tickTime', 'minSessionTimeout', 'maxSessionTimeout', 'autopurge.purgeInterval'])
      miner.mine(`${setting} set to 60`);

    expect(miner.templateCount).toBe(daemons.length + 4);
  });

  it('keeps messages apart that share only their label and a short rest', () => {
    const miner = new TemplateMiner();

    for (const program of PROGRAMS) miner.mine(`${program} started ${program.length}`);

    expect(miner.templateCount).toBe(PROGRAMS.length);
  });

  it('continues from a snapshot taken before the labels merged exactly as a miner that never stopped', () => {
    const lines = [
      ...labelled(PROGRAMS, (uid) => `session opened for user root by (uid=${uid})`),
      ...labelled(PROGRAMS, (uid) => `Received disconnect from 10.0.0.${uid} port 22: Bye Bye`),
    ];
    const uninterrupted = new TemplateMiner();
    const before = new TemplateMiner();

    const expected = lines.map((line) => uninterrupted.mine(line));
    const firstPart = lines.slice(0, 2).map((line) => before.mine(line));
    const restored = TemplateMiner.fromSnapshot(JSON.parse(JSON.stringify(before.toSnapshot())));
    const rest = lines.slice(2).map((line) => restored.mine(line));

    expect([...firstPart, ...rest]).toEqual(expected);
    expect(restored.templates()).toEqual(uninterrupted.templates());
    expect(restored.templates()).toHaveLength(2);
  });
});
