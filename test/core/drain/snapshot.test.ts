import { SnapshotError, TemplateMiner } from '../../../lambdas/core/drain';
import { rawLines } from './loghub-lines';

describe('miner snapshots', () => {
  it('restores a miner that continues exactly as one that never stopped', () => {
    const lines = [...rawLines('OpenSSH'), ...rawLines('Linux')];
    const half = Math.floor(lines.length / 2);
    const uninterrupted = new TemplateMiner({ maxClusters: 150 });
    const before = new TemplateMiner({ maxClusters: 150 });

    const expected = lines.map((line) => uninterrupted.mine(line));
    const firstHalf = lines.slice(0, half).map((line) => before.mine(line));
    const restored = TemplateMiner.fromSnapshot(JSON.parse(JSON.stringify(before.toSnapshot())));
    const secondHalf = lines.slice(half).map((line) => restored.mine(line));

    expect([...firstHalf, ...secondHalf]).toEqual(expected);
    expect(restored.templates()).toEqual(uninterrupted.templates());
    expect(restored.toSnapshot()).toEqual(uninterrupted.toSnapshot());
  });

  it('rejects a snapshot of an unknown version by name', () => {
    const snapshot = { ...new TemplateMiner().toSnapshot(), version: 99 };

    expect(() => TemplateMiner.fromSnapshot(snapshot)).toThrow(SnapshotError);
    expect(() => TemplateMiner.fromSnapshot(snapshot)).toThrow('version 99 is not supported');
  });

  it('rejects something that is not a miner snapshot', () => {
    expect(() => TemplateMiner.fromSnapshot({ format: 'pickle' })).toThrow('format is "pickle"');
    expect(() => TemplateMiner.fromSnapshot('nope')).toThrow('expected a JSON object');
  });

  it('rejects a snapshot whose tree names a missing cluster', () => {
    const miner = new TemplateMiner();
    miner.mine('one two three');
    const snapshot = miner.toSnapshot();

    expect(() => TemplateMiner.fromSnapshot({ ...snapshot, clusters: [] })).toThrow(/not in clusters/);
  });
});
