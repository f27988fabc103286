import { TemplateMiner } from '../../../lambdas/core/drain';

function maskedTemplate(line: string): string {
  return new TemplateMiner().mine(line).template;
}

describe('default masking', () => {
  it.each([
    ['size 67108864', 'size <NUM>'],
    ['took 3.14 and -7', 'took <NUM> and <NUM>'],
    ['from 10.251.73.220:50010 ok', 'from <IP> ok'],
    ['peer fe80::1ff:fe23:4567:890a down', 'peer <IP> down'],
    ['request 123e4567-e89b-12d3-a456-426614174000 done', 'request <UUID> done'],
    ['fetch https://example.com/a/b?c=1 failed', 'fetch <URL> failed'],
    ['open /var/log/messages failed', 'open <PATH> failed'],
    ['mail to ops@example.com bounced', 'mail to <EMAIL> bounced'],
    ['at 2016-09-28 04:30:30 start', 'at <DATE> <TIME> start'],
    ['at Fri Jun 17 07:07:00 2005', 'at <DATE> <DATE> <NUM> <TIME> <NUM>'],
    ['took 250ms total', 'took <DURATION> total'],
    ['estimated size 5.2 KB, free 317.1 KB)', 'estimated size <SIZE>, free <SIZE>)'],
    ['buffer 64KB full', 'buffer <SIZE> full'],
    ['wrote a.txt (12 KB) to disk', 'wrote a.txt (<SIZE>) to disk'],
    ['waited (30 ms) for the lock', 'waited (<DURATION>) for the lock'],
    ['address 0x7fff5fbff8c8 bad', 'address <HEX> bad'],
    ['role arn:aws:iam::123456789012:role/culprit denied', 'role <ARN> denied'],
    ['session opened by (uid=0)', 'session opened by (uid=<NUM>)'],
    ['block blk_-6952295868487656571 terminating', 'block blk_<NUM> terminating'],
    ['job attempt_1445144423722_0020_m_000000_0 done', 'job <ID> done'],
  ])('masks %j as %j', (line, template) => {
    expect(maskedTemplate(line)).toBe(template);
  });

  it('keeps plain words, including words ending in punctuation', () => {
    expect(maskedTemplate('Error: connection refused, retrying.')).toBe('Error: connection refused, retrying.');
  });

  it('keeps a key whose value is a plain word, so a few values can tell templates apart', () => {
    expect(maskedTemplate('tty=NODEVssh ruser= rhost=10.0.0.1')).toBe('tty=NODEVssh ruser= rhost=<IP>');
  });

  it('applies user mask patterns before the built-in ones', () => {
    const miner = new TemplateMiner({ maskPatterns: [{ name: 'ORDER', pattern: 'ORD-[A-Z]{3}' }] });
    const result = miner.mine('order ORD-XYZ shipped');
    expect(result.template).toBe('order <ORDER> shipped');
    expect(result.params).toEqual([{ type: 'ORDER', value: 'ORD-XYZ' }]);
  });

  it('splits on extra delimiters when asked', () => {
    const miner = new TemplateMiner({ extraDelimiters: [','] });
    expect(miner.mine('a,b,3').template).toBe('a b <NUM>');
  });

  it('leaves every token alone when masking is off', () => {
    expect(new TemplateMiner({ masking: false }).mine('size 42').template).toBe('size 42');
  });
});
