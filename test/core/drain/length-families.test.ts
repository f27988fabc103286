import { TemplateMiner } from '../../../lambdas/core/drain';

/** Mines every line and returns the final templates (most frequent first) and each line's final id. */
function mineAll(lines: readonly string[]): { templates: string[]; ids: string[] } {
  const miner = new TemplateMiner();
  const mined = lines.map((line) => miner.mine(line).templateId);
  return {
    templates: miner.templates().map((template) => template.template),
    ids: mined.map((id) => miner.resolve(id)),
  };
}

describe('values that span a varying number of tokens', () => {
  it('keeps one template for durations written with one, two or three units', () => {
    const { templates, ids } = mineAll([
      'Backup of volume vol-0a1b completed in 1 min 2 s',
      'Backup of volume vol-77c3 completed in 45 s',
      'Backup of volume vol-9f00 completed in <1 sec',
      'Backup of volume vol-12ab completed in 1 hour 3 min 4 s',
      'Backup of volume vol-4e4e completed in 3 min 10 s',
    ]);

    expect(templates).toEqual(['Backup of volume <*> completed in <*>']);
    expect(new Set(ids).size).toBe(1);
  });

  it('keeps one template for sizes written with one or more units', () => {
    const { templates } = mineAll([
      'Uploaded object 7f3a9c to bucket backups (12 KB)',
      'Uploaded object 0b1d2e to bucket backups (1 GB 200 MB)',
      'Uploaded object 99aa01 to bucket backups (3 GB 1 MB 2 KB)',
      'Uploaded object 5c5c5c to bucket backups (640 MB)',
    ]);

    expect(templates).toEqual(['Uploaded object <*> to bucket backups <*>']);
  });

  it('keeps one template for lists of block ids of any length', () => {
    const { templates } = mineAll([
      'BLOCK* ask 10.250.18.114:50010 to delete blk_-5140072410813878235',
      'BLOCK* ask 10.250.17.177:50010 to delete blk_-8570780307468499817 blk_-9122557405432088649 blk_-4393063808227796056',
      'BLOCK* ask 10.251.126.5:50010 to delete blk_-9016567407076718172 blk_-8695715290502978219',
      'BLOCK* ask 10.251.71.16:50010 to delete blk_8767569714374844347',
    ]);

    expect(templates).toEqual(['BLOCK* ask <*> to delete <*>']);
  });

  it('keeps one template for quoted strings of one to four words once the gap has taken three lengths', () => {
    const queries = [
      'boots',
      'hat',
      'sandals',
      'scarf',
      'gloves',
      'red shoes',
      'summer dress',
      'rain jacket',
      'wool socks',
      'blue jeans',
      'cheap running shoes',
      'waterproof hiking boots',
      'kids winter coat',
      'silk evening gown',
      'blue suede shoes size',
      'long sleeve cotton shirt',
      'black leather ankle boots',
      'men linen summer trousers',
    ];
    const lines = queries.map((query, index) => `Search query "${query}" returned ${index * 7} results`);

    const { templates, ids } = mineAll(lines);

    expect(templates).toEqual(['Search query <*> returned <*> results']);
    expect(new Set(ids).size).toBe(1);
  });

  it('keeps one template for runs of key=value pairs whose keys vary', () => {
    const pairs = ['env=prod', 'team=core', 'tier=web', 'zone=a', 'owner=ops', 'app=shop', 'cost=42', 'ver=3'];
    const lines: string[] = [];
    for (let length = 1; length <= 4; length++) {
      for (let shift = 0; shift < 5; shift++) {
        const tags = Array.from({ length }, (_, index) => pairs[(shift + index * 3) % pairs.length]);
        lines.push(`Tagged instance i-0abc${shift}${length} with ${tags.join(' ')} by autoscaler`);
      }
    }

    const { templates } = mineAll(lines);

    expect(templates).toEqual(['Tagged instance <*> with <*> by autoscaler']);
  });

  it('keeps apart events that differ by an optional field seen in only two lengths', () => {
    const lines: string[] = [];
    for (let index = 0; index < 6; index++) {
      const host = `${index + 10}.36.59.${index * 3}`;
      lines.push(`authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${host} user=user${index}`);
      lines.push(`authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=host-${index}.example.net`);
    }

    const { ids } = mineAll(lines);

    expect(new Set(ids.filter((_, index) => index % 2 === 0)).size).toBe(1);
    expect(new Set(ids.filter((_, index) => index % 2 === 1)).size).toBe(1);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('keeps apart events whose extra tokens are constant words', () => {
    const lines: string[] = [];
    for (let index = 0; index < 6; index++) {
      lines.push(`Failed password for user${index} from 5.36.59.${index} port ${40000 + index} ssh2`);
      lines.push(`Failed password for invalid user guest${index} from 173.234.31.${index} port ${38000 + index} ssh2`);
    }

    const { ids } = mineAll(lines);

    expect(new Set(ids).size).toBe(2);
  });
});
