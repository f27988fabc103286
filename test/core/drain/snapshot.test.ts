import { SnapshotError, TemplateMiner } from '../../../lambdas/core/drain';
import { hdfsMessages, rawLines } from './loghub-lines';

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

  it('restores merged length families that continue exactly as if never stopped', () => {
    // HDFS's `ask … to delete` lists of every length merge into one template, and so do the
    // first durations; the snapshot is taken before the last three.
    const durations = ['1 min 2 s', '45 s', '<1 sec', '1 hour 3 min 4 s', '3 min 10 s', '12 ms'];
    const lines = [
      ...hdfsMessages(),
      ...durations.map((duration, index) => `Backup of volume vol-${index}f completed in ${duration}`),
    ];
    const half = lines.length - 3;
    const uninterrupted = new TemplateMiner();
    const before = new TemplateMiner();

    const expected = lines.map((line) => uninterrupted.mine(line));
    const firstHalf = lines.slice(0, half).map((line) => before.mine(line));
    const snapshot = JSON.parse(JSON.stringify(before.toSnapshot()));
    const restored = TemplateMiner.fromSnapshot(snapshot);
    const secondHalf = lines.slice(half).map((line) => restored.mine(line));

    expect(snapshot.families.some((family: { merged: boolean }) => family.merged)).toBe(true);
    expect([...firstHalf, ...secondHalf]).toEqual(expected);
    expect(restored.templates()).toEqual(uninterrupted.templates());
    expect(restored.toSnapshot()).toEqual(uninterrupted.toSnapshot());
  });

  it('reads a version-1 snapshot, written before length families, and keeps its templates', () => {
    const miner = new TemplateMiner();
    for (const line of rawLines('OpenSSH')) miner.mine(line);
    const { families: _families, ...rest } = miner.toSnapshot();
    const versionOne = { ...rest, version: 1 };

    const restored = TemplateMiner.fromSnapshot(JSON.parse(JSON.stringify(versionOne)));

    expect(restored.templates()).toEqual(miner.templates());
    expect(restored.toSnapshot().version).toBe(2);
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
