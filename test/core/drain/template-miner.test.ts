import { TemplateMiner } from '../../../lambdas/core/drain';
import { hdfsMessages, rawLines } from './loghub-lines';

describe('TemplateMiner', () => {
  it('mines the real HDFS sample into its templates', () => {
    const miner = new TemplateMiner();
    for (const line of hdfsMessages()) miner.mine(line);

    const templates = miner.templates().map((template) => template.template);

    expect(templates.slice(0, 10)).toEqual([
      'BLOCK* NameSystem.addStoredBlock: blockMap updated: <IP> is added to blk_<NUM> size <NUM>',
      'PacketResponder <NUM> for block blk_<NUM> terminating',
      'Received block blk_<NUM> of size <NUM> from /<IP>',
      'Receiving block blk_<NUM> src: /<IP> dest: /<IP>',
      'Deleting block blk_<NUM> file <PATH>',
      'BLOCK* NameSystem.delete: blk_<NUM> is added to invalidSet of <IP>',
      'BLOCK* NameSystem.allocateBlock: <PATH>. blk_<NUM>',
      '<ID> exception while serving blk_<NUM> to /<IP>:',
      '<IP> Served block blk_<NUM> to /<IP>',
      'Verification succeeded for blk_<NUM>',
    ]);
    // The ground truth has 14 templates: the `ask … to delete` lists of every length are one.
    expect(miner.templateCount).toBe(14);
  });

  it('reports created, then updated, then unchanged templates', () => {
    const miner = new TemplateMiner();

    // Past the prefix tree's depth (the first two words), so the lines share one cluster.
    const first = miner.mine('login accepted for alice from web');
    const second = miner.mine('login accepted for bob from web');
    const third = miner.mine('login accepted for carol from web');
    const fourth = miner.mine('login accepted for dave from web');
    const fifth = miner.mine('login accepted for erin from web');

    expect(first.change).toBe('created');
    // Up to three words at one position are kept as separate templates…
    expect(second.change).toBe('created');
    expect(third.change).toBe('created');
    // …a fourth makes the position a variable and the templates merge into the first.
    expect(fourth).toMatchObject({
      change: 'updated',
      templateId: first.templateId,
      template: 'login accepted for <*> from web',
    });
    expect(fourth.merged).toEqual([
      { from: second.templateId, into: first.templateId },
      { from: third.templateId, into: first.templateId },
    ]);
    expect(fifth).toMatchObject({ change: 'none', templateId: first.templateId, merged: [] });
    expect(miner.resolve(second.templateId)).toBe(first.templateId);
    expect(fifth.params).toEqual([{ type: '*', value: 'erin' }]);
    expect(miner.templates()).toEqual([
      { templateId: first.templateId, template: 'login accepted for <*> from web', count: 5 },
    ]);
  });

  it('gives each result the parameters of its own line, read after later lines changed the template', () => {
    const miner = new TemplateMiner();

    const early = miner.mine('job 7 finished on host alpha in 12 ms');
    miner.mine('job 8 finished on host beta in 40 ms');
    miner.mine('job 9 finished on host gamma in 3 ms');
    miner.mine('job 10 finished on host delta in 5 ms');

    // Read only now: the template has since turned the host into a variable.
    expect(early.params).toEqual([
      { type: 'NUM', value: '7' },
      { type: 'DURATION', value: '12 ms' },
    ]);
    expect(JSON.parse(JSON.stringify(early))).toEqual({
      templateId: early.templateId,
      template: early.template,
      params: early.params,
      change: 'created',
      merged: [],
    });
  });

  it('keeps templates apart when a position takes only a few words', () => {
    const miner = new TemplateMiner();

    const starting = miner.mine('Starting the TrustedInstaller initialization.');
    const ending = miner.mine('Starting the TrustedInstaller finalization.');

    expect(starting.templateId).not.toBe(ending.templateId);
    expect(ending.template).toBe('Starting the TrustedInstaller finalization.');
    expect(
      miner
        .templates()
        .map((template) => template.template)
        .sort(),
    ).toEqual(['Starting the TrustedInstaller finalization.', 'Starting the TrustedInstaller initialization.']);
  });

  it('returns typed parameters in line order', () => {
    const miner = new TemplateMiner();
    miner.mine('Received block blk_1 of size 67108864 from /10.0.0.1');

    const result = miner.mine('Received block blk_-42 of size 1024 from /10.0.0.2');

    expect(result.params).toEqual([
      { type: 'NUM', value: '-42' },
      { type: 'NUM', value: '1024' },
      { type: 'IP', value: '10.0.0.2' },
    ]);
  });

  it('gives the same cluster the same id in another miner', () => {
    const lines = hdfsMessages().slice(0, 500);
    const one = new TemplateMiner();
    const other = new TemplateMiner();

    const idsOne = lines.map((line) => one.mine(line).templateId);
    const idsOther = lines.map((line) => other.mine(line).templateId);

    expect(idsOther).toEqual(idsOne);
    expect(idsOne[0]).toMatch(/^[0-9a-f]{16}$/);
  });

  it('assigns each line the id mining gives it, leaving the same templates, merges and snapshot', () => {
    const lines = [...rawLines('OpenSSH'), ...hdfsMessages(), '', '   '];
    const mining = new TemplateMiner();
    const assigning = new TemplateMiner();

    const minedIds = lines.map((line) => mining.mine(line).templateId);
    const assignedIds = lines.map((line) => assigning.assign(line));

    expect(assignedIds).toEqual(minedIds);
    expect(assignedIds.at(-1)).toBe('');
    expect(assigning.templates()).toEqual(mining.templates());
    expect(assigning.aliases.size).toBeGreaterThan(0);
    expect(assigning.toSnapshot()).toEqual(mining.toSnapshot());
  });

  it('matches without creating or changing templates', () => {
    const miner = new TemplateMiner();
    const mined = miner.mine('PacketResponder 1 for block blk_38865049064139660 terminating');

    const matched = miner.match('PacketResponder 2 for block blk_77 terminating');
    const unmatched = miner.match('something nobody logged before');

    expect(matched).toEqual({
      templateId: mined.templateId,
      template: mined.template,
      params: [
        { type: 'NUM', value: '2' },
        { type: 'NUM', value: '77' },
      ],
    });
    expect(unmatched).toBeUndefined();
    expect(miner.templates()).toEqual([{ templateId: mined.templateId, template: mined.template, count: 1 }]);
  });

  it('gives an empty line the empty template', () => {
    expect(new TemplateMiner().mine('   ')).toEqual({
      templateId: '',
      template: '',
      params: [],
      change: 'none',
      merged: [],
    });
  });

  it('mines only the first maxLineLength characters of a huge line', () => {
    const miner = new TemplateMiner({ maxLineLength: 20 });

    const result = miner.mine(`short words here ${'x'.repeat(100_000)}`);

    expect(result.template).toBe('short words here xxx');
  });

  it('survives binary garbage', () => {
    const miner = new TemplateMiner();
    const garbage = Array.from({ length: 2000 }, (_, index) => String.fromCharCode((index * 7919) % 65536)).join('');

    const result = miner.mine(garbage);

    expect(result.change).toBe('created');
    expect(typeof result.templateId).toBe('string');
  });

  it('evicts the least recently used template past maxClusters', () => {
    const miner = new TemplateMiner({ maxClusters: 2 });
    const alpha = miner.mine('alpha one two');
    miner.mine('beta one two three');
    miner.mine('alpha one two');
    miner.mine('gamma one two three four');

    expect(
      miner
        .templates()
        .map((template) => template.templateId)
        .sort(),
    ).toEqual([alpha.templateId, miner.match('gamma one two three four')!.templateId].sort());
  });

  it('rejects invalid options with a clear error', () => {
    expect(() => new TemplateMiner({ similarityThreshold: 2 })).toThrow(/similarityThreshold/);
  });
});
